using EventOrch.ClientRuntime.Hosting;
using EventOrch.Contracts.Kinds;

namespace EventOrch.ServiceProxy;

/// <summary>Everything the ServiceProxy host registers.</summary>
public static class ServiceProxyServiceExtensions
{
    /// <summary>For now a pod informer on the admin port; routes come with Services and Endpoints.</summary>
    public static IHostApplicationBuilder AddServiceProxyServices(this IHostApplicationBuilder builder) =>
        builder.AddComponent("service-proxy", component => component.AddInformer(PodEvolver.Instance));
}
