using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>Registers RBAC: the policy cache, the authorizer behind <see cref="IRequestAuthorizer"/>, and the bootstrap policy.</summary>
public static class RbacServiceExtensions
{
    public static IServiceCollection AddRbac(this IServiceCollection services)
    {
        services.AddSingleton<RbacPolicyCache>();
        services.AddHostedService(sp => sp.GetRequiredService<RbacPolicyCache>());
        services.AddSingleton<RbacCommits>();
        services.AddSingleton<RbacCommitListener>();
        services.AddSingleton<RbacAuthorizer>();
        services.TryAddSingleton<IRequestAuthorizer>(sp => sp.GetRequiredService<RbacAuthorizer>());
        services.AddHostedService<PolicyBootstrap>();
        return services;
    }
}
