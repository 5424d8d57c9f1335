using EventOrch.Api.Tables.Printers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventOrch.Api.Tables;

/// <summary>The table convertor and each kind's printer; a kind added later registers its own printer here.</summary>
public static class TableServiceExtensions
{
    public static IServiceCollection AddTables(this IServiceCollection services)
    {
        services.TryAddSingleton<TableConvertor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, PodPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, NodePrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, NamespacePrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, ServicePrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, EndpointsPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, IngressPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, DeploymentPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, StatefulSetPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, ReplicaSetPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, ReplicationControllerPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, HorizontalPodAutoscalerPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, LeasePrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, ConfigMapPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, ServiceAccountPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, ResourceQuotaPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, LimitRangePrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, StorageClassPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, PersistentVolumePrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, PersistentVolumeClaimPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, VolumeAttachmentPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, SecretPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, EventPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, EventsV1EventPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, WebhookSubscriptionPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, RolePrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, ClusterRolePrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, RoleBindingPrinter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITablePrinter, ClusterRoleBindingPrinter>());
        return services;
    }
}
