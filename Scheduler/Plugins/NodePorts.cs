using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;

namespace EventOrch.Scheduler.Plugins;

/// <summary>The host ports the pod asks for must be free on the node.</summary>
public sealed class NodePorts : IFilterPlugin
{
    public const string PluginName = "NodePorts";
    public const string PortsInUseReason = "node(s) didn't have free ports for the requested pod ports";

    private const string AnyAddress = "0.0.0.0";

    public string Name => PluginName;

    public FilterResult Filter(Pod pod, NodeInfo node)
    {
        foreach (var port in pod.Spec.Containers.SelectMany(c => c.Ports ?? []))
        {
            if (port.HostPort is not > 0) continue;
            var ip = string.IsNullOrEmpty(port.HostIP) ? AnyAddress : port.HostIP;
            var protocol = string.IsNullOrEmpty(port.Protocol) ? "TCP" : port.Protocol;
            if (Conflicts(node.UsedHostPorts, ip, port.HostPort.Value, protocol)) return FilterResult.Unfit(PortsInUseReason);
        }
        return FilterResult.Fit;
    }

    // 0.0.0.0 binds every address, so it conflicts with the same port and protocol on any address, and any address
    // conflicts with it (Kubernetes' HostPortInfo.CheckConflict).
    private static bool Conflicts(IReadOnlySet<HostPort> used, string ip, int port, string protocol) =>
        ip == AnyAddress
            ? used.Any(u => u.Port == port && u.Protocol == protocol)
            : used.Contains(new HostPort(ip, port, protocol)) || used.Contains(new HostPort(AnyAddress, port, protocol));
}
