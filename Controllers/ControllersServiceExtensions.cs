using EventOrch.ClientRuntime.Hosting;
using EventOrch.ClientRuntime.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Controllers.Autoscaling;
using EventOrch.Controllers.GarbageCollection;
using EventOrch.Controllers.Namespaces;
using EventOrch.Controllers.Networking;
using EventOrch.Controllers.Nodes;
using EventOrch.Controllers.ServiceAccounts;
using EventOrch.Controllers.Quota;
using EventOrch.Controllers.Storage;
using EventOrch.Controllers.Workloads;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventOrch.Controllers;

/// <summary>Everything the Controllers host registers: one reconciler per kind, all acting only while this
/// process holds the lease kube-system/eventorch-controllers.</summary>
public static class ControllersServiceExtensions
{
    public const string LeaseName = "eventorch-controllers";

    public static IHostApplicationBuilder AddControllersServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NodeLifecycleOptions>().BindConfiguration(NodeLifecycleOptions.Section);
        builder.Services.AddHostedService<NodeLifecycleController>();
        builder.Services.AddOptions<AutoscalingOptions>().BindConfiguration(AutoscalingOptions.Section);
        builder.Services.AddOptions<ResourceQuotaOptions>().BindConfiguration(ResourceQuotaOptions.Section);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations()
            .Validate(o => Path.IsPathFullyQualified(o.SharedRoot), "Storage:SharedRoot must be an absolute path").ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IVolumeProvisioner, SharedProvisioner>());
        builder.Services.AddHostedService<DefaultStorageClasses>();
        return builder.AddComponent("controllers", component => component
            .AddInformer(PodEvolver.Instance)
            .AddInformer(ReplicaSetEvolver.Instance)
            .AddInformer(ReplicationControllerEvolver.Instance)
            .AddInformer(DeploymentEvolver.Instance)
            .AddInformer(StatefulSetEvolver.Instance)
            .AddInformer(PersistentVolumeClaimEvolver.Instance)
            .AddInformer(ServiceEvolver.Instance)
            .AddInformer(EndpointsEvolver.Instance)
            .AddInformer(NodeEvolver.Instance)
            .AddInformer(NamespaceEvolver.Instance)
            .AddInformer(HorizontalPodAutoscalerEvolver.Instance)
            .AddInformer(ServiceAccountEvolver.Instance)
            .AddInformer(ResourceQuotaEvolver.Instance)
            .AddInformer(PersistentVolumeEvolver.Instance)
            .AddInformer(VolumeAttachmentEvolver.Instance)
            .AddInformer(StorageClassEvolver.Instance)
            .AddLeaderElection(LeaseName)
            .AddController<ReplicaSetController>()
            .AddController<ReplicationManager>()
            .AddController<DeploymentController>()
            .AddController<StatefulSetController>()
            .AddController<EndpointsController>()
            .AddController<GarbageCollector>()
            .AddController<NamespaceController>()
            .AddController<HorizontalPodAutoscalerController>()
            .AddController<ServiceAccountsController>()
            .AddController<ResourceQuotaController>()
            .AddController<AttachDetachController>()
            .AddController<PersistentVolumeBinder>()
            .AddController<StorageProtectionController>()
            .AddVolumeProvisioning());
    }
}
