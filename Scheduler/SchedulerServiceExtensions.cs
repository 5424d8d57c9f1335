using EventOrch.ClientRuntime.Hosting;
using EventOrch.Contracts.Kinds;

namespace EventOrch.Scheduler;

/// <summary>Everything the Scheduler host registers.</summary>
public static class SchedulerServiceExtensions
{
    /// <summary>For now a pod informer; placing pods on nodes comes with the scheduling framework.</summary>
    public static IHostApplicationBuilder AddSchedulerServices(this IHostApplicationBuilder builder) =>
        builder.AddComponent("scheduler", component => component.AddInformer(PodEvolver.Instance));
}
