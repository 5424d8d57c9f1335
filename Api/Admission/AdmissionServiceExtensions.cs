using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventOrch.Api.Admission;

/// <summary>The admission chain every write passes, in Kubernetes' order: LimitRanger, then ResourceQuota.</summary>
public static class AdmissionServiceExtensions
{
    public static IServiceCollection AddWriteAdmission(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWriteAdmission, LimitRangerAdmission>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWriteAdmission, QuotaAdmission>());
        return services;
    }
}
