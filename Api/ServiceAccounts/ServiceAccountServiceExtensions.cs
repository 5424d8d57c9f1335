namespace EventOrch.Api.ServiceAccounts;

/// <summary>Registers what ServiceAccount tokens need: the signing key, the token maker and checker, and the cache of
/// the accounts and pods tokens name.</summary>
public static class ServiceAccountServiceExtensions
{
    public static IServiceCollection AddServiceAccountTokens(this IServiceCollection services)
    {
        services.AddSingleton<SigningKey>();
        services.AddSingleton<TokenSubjects>();
        services.AddSingleton<ITokenSubjects>(sp => sp.GetRequiredService<TokenSubjects>());
        services.AddSingleton<ServiceAccountTokens>();
        return services;
    }
}
