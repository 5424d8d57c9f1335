using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Hosting;
using EventOrch.Contracts.Kinds;
using EventOrch.Controllers.Workloads;

namespace EventOrch.Controllers;

/// <summary>Everything the Controllers host registers: one reconciler per kind, all acting only while this
/// process holds the lease kube-system/eventorch-controllers.</summary>
public static class ControllersServiceExtensions
{
    public const string LeaseName = "eventorch-controllers";

    public static IHostApplicationBuilder AddControllersServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReplicaSetController>();
        builder.Services.AddOptions<Nodes.NodeLifecycleOptions>().BindConfiguration(Nodes.NodeLifecycleOptions.Section);
        builder.Services.AddHostedService<Nodes.NodeLifecycleController>();
        builder.Services.AddSingleton<GarbageCollection.GarbageCollector>();
        // Not AddHostedService: it adds one hosted service per implementation type, and every runner is a ControllerRunner.
        builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<ControllerRunner>(sp, sp.GetRequiredService<ReplicaSetController>()));
        builder.Services.AddSingleton<IHostedService>(sp =>
            ActivatorUtilities.CreateInstance<ControllerRunner>(sp, sp.GetRequiredService<GarbageCollection.GarbageCollector>()));
        return builder.AddComponent("controllers", component => component
            .AddInformer(PodEvolver.Instance)
            .AddInformer(ReplicaSetEvolver.Instance)
            .AddInformer(NodeEvolver.Instance)
            .AddLeaderElection(LeaseName));
    }
}
