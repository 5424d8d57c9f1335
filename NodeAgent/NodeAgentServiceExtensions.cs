using EventOrch.ClientRuntime.Hosting;
using EventOrch.Contracts.Kinds;

namespace EventOrch.NodeAgent;

/// <summary>Everything the NodeAgent host registers.</summary>
public static class NodeAgentServiceExtensions
{
    /// <summary>For now a pod informer on the agent's own queue; running pods on Docker comes with the runtime.</summary>
    public static IHostApplicationBuilder AddNodeAgentServices(this IHostApplicationBuilder builder) =>
        builder.AddComponent("node-agent", component => component.AddInformer(PodEvolver.Instance));
}
