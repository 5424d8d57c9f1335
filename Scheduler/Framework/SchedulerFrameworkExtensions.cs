using EventOrch.Scheduler.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EventOrch.Scheduler.Framework;

/// <summary>Registers the scheduling framework: the built-in plugins, the "Scheduler" options and the active profile.</summary>
public static class SchedulerFrameworkExtensions
{
    /// <summary>Adds every built-in plugin (a deployment may add its own before or after), binds <see cref="SchedulerOptions"/>,
    /// validates them at start and registers the active <see cref="SchedulingProfile"/> as a singleton.</summary>
    public static IServiceCollection AddSchedulingFramework(this IServiceCollection services)
    {
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IFilterPlugin, NodeUnschedulable>(),
            ServiceDescriptor.Singleton<IFilterPlugin, NodeReady>(),
            ServiceDescriptor.Singleton<IFilterPlugin, TaintToleration>(),
            ServiceDescriptor.Singleton<IFilterPlugin, NodeAffinity>(),
            ServiceDescriptor.Singleton<IFilterPlugin, NodePorts>(),
            ServiceDescriptor.Singleton<IFilterPlugin, NodeResourcesFit>(),
        ]);
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IScorePlugin, NodeResourcesLeastAllocated>(),
            ServiceDescriptor.Singleton<IScorePlugin, NodeResourcesMostAllocated>(),
            ServiceDescriptor.Singleton<IScorePlugin, OwnerSpread>(),
            ServiceDescriptor.Singleton<IScorePlugin, TaintTolerationScore>(),
            ServiceDescriptor.Singleton<IScorePlugin, NodeAffinityScore>(),
        ]);
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SchedulerOptions>>().Value;
            return options.Build(options.Profile, sp.GetServices<IFilterPlugin>(), sp.GetServices<IScorePlugin>());
        });
        return services;
    }
}
