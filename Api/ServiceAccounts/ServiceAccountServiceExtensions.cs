namespace EventOrch.Api.ServiceAccounts;

/// <summary>Registers what ServiceAccount tokens need: the signing key, the token maker and checker, and the cache of
/// the accounts and pods tokens name.</summary>
public static class ServiceAccountServiceExtensions
{
    public static IServiceCollection AddServiceAccountTokens(this IServiceCollection services)
    {
        // A key file that is named but missing stops the host at start, not the first token request.
        services.AddOptions<Authentication.AuthOptions>()
            .Validate(o => string.IsNullOrEmpty(o.ServiceAccountKeyFile) || File.Exists(o.ServiceAccountKeyFile),
                "Auth:ServiceAccountKeyFile names a file that does not exist")
            .Validate(o => o.ServiceAccountLookupCache >= TimeSpan.Zero, "Auth:ServiceAccountLookupCache must not be negative");
        services.AddSingleton<SigningKey>();
        services.AddSingleton<TokenSubjects>();
        services.AddSingleton<ITokenSubjects>(sp => sp.GetRequiredService<TokenSubjects>());
        services.AddSingleton<ServiceAccountTokens>();
        return services;
    }
}
