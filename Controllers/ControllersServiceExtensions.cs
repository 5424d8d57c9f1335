using EventOrch.ClientRuntime.Hosting;
using EventOrch.Contracts.Kinds;

namespace EventOrch.Controllers;

/// <summary>Everything the Controllers host registers.</summary>
public static class ControllersServiceExtensions
{
    /// <summary>For now a pod informer; the reconcilers come one per kind.</summary>
    public static IHostApplicationBuilder AddControllersServices(this IHostApplicationBuilder builder) =>
        builder.AddComponent("controllers", component => component.AddInformer(PodEvolver.Instance));
}
