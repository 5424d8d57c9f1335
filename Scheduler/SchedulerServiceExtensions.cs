using EventOrch.ClientRuntime.Hosting;
using EventOrch.Contracts.Kinds;
using EventOrch.Scheduler.Framework;
using EventOrch.Scheduler.Queue;
using EventOrch.Scheduler.Placement;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventOrch.Scheduler;

/// <summary>Everything the Scheduler host registers.</summary>
public static class SchedulerServiceExtensions
{
    public const string LeaseName = "eventorch-scheduler";

    public static IHostApplicationBuilder AddSchedulerServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSchedulingFramework();
        builder.Services.AddSingleton<Volumes.InformerVolumeLookup>();
        builder.Services.AddSingleton<Volumes.IVolumeLookup>(sp => sp.GetRequiredService<Volumes.InformerVolumeLookup>());
        builder.Services.AddSingleton<Volumes.VolumePreBinder>();
        // Here, not in the framework: the plugin reads the host's claim, volume and class informers.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IFilterPlugin, Plugins.VolumeBinding>());
        builder.Services.AddSingleton<SchedulingQueue>();
        builder.Services.AddSingleton<SchedulerCache>();
        builder.Services.AddSingleton<PodScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PodScheduler>());
        return builder.AddComponent("scheduler", component => component
            .AddInformer(PodEvolver.Instance)
            .AddInformer(NodeEvolver.Instance)
            .AddInformer(PersistentVolumeClaimEvolver.Instance)
            .AddInformer(PersistentVolumeEvolver.Instance)
            .AddInformer(StorageClassEvolver.Instance)
            .AddLeaderElection(LeaseName));
    }

    /// <summary>/debug/scheduler: leadership, queue lengths and outcomes.</summary>
    public static IEndpointRouteBuilder MapSchedulerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/debug/scheduler", (PodScheduler scheduler, SchedulingQueue queue, ClientRuntime.LeaderElection.LeaderElector leader,
            Framework.SchedulingProfile profile) =>
        {
            var (active, backoff, unschedulable) = queue.Counts;
            var (scheduled, failed, bindFailures, assumed) = scheduler.Counts;
            return Results.Json(new
            {
                leader = leader.IsLeader,
                identity = leader.Identity,
                profile = profile.Name,
                queue = new { active, backoff, unschedulable },
                scheduled,
                unschedulableAttempts = failed,
                bindFailures,
                assumed,
            });
        });
        return app;
    }
}
