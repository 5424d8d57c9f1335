using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventOrch.Api.Admission;

/// <summary>The admission chain every write passes, in Kubernetes' order: RBAC's escalation check (which Kubernetes makes
/// in the RBAC kinds' storage, before admission), LimitRanger, then ResourceQuota.</summary>
public static class AdmissionServiceExtensions
{
    public static IServiceCollection AddWriteAdmission(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWriteAdmission, Authorization.Rbac.EscalationAdmission>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWriteAdmission, LimitRangerAdmission>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWriteAdmission, QuotaAdmission>());
        return services;
    }
}
