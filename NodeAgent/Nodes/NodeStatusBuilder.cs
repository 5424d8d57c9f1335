using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Runtime;

namespace EventOrch.NodeAgent.Nodes;

/// <summary>Builds the Node object an agent registers and the status it keeps current.</summary>
public static class NodeStatusBuilder
{
    public const string AgentVersion = "v1.32.0-eventorch";

    public static Node Build(string name, NodeOptions options, RuntimeVersion runtime, int agentPort)
    {
        var cpu = options.Simulated ? options.SimulatedCpu : HostResources.Cpu();
        var memory = options.Simulated ? options.SimulatedMemory : HostResources.Memory();
        var pods = options.MaxPods.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var labels = new Dictionary<string, string>(options.Labels)
        {
            [WellKnownLabels.Hostname] = name,
            [WellKnownLabels.Os] = "linux",
            [WellKnownLabels.Arch] = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() switch
            {
                "x64" => "amd64",
                var other => other,
            },
        };
        if (options.Simulated) labels["eventorch.io/hollow"] = "true";
        return new Node
        {
            Metadata = new ObjectMeta { Name = name, Labels = labels },
            Status = new NodeStatus
            {
                Capacity = new() { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = pods },
                Allocatable = new() { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = pods },
                Addresses = [new NodeAddress { Type = "InternalIP", Address = options.Address }, new NodeAddress { Type = "Hostname", Address = name }],
                DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = agentPort } },
                NodeInfo = new NodeSystemInfo
                {
                    KubeletVersion = AgentVersion,
                    ContainerRuntimeVersion = $"{runtime.Name}://{runtime.Version}",
                    OperatingSystem = "linux",
                    Architecture = labels[WellKnownLabels.Arch],
                    KernelVersion = Environment.OSVersion.Version.ToString(),
                    OsImage = options.Simulated ? "hollow node" : System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                },
            },
        };
    }

    /// <summary>The Ready condition: True while the container runtime answers.</summary>
    public static NodeCondition Ready(bool ready, string? message, DateTimeOffset now) => new()
    {
        Type = NodeConditions.Ready,
        Status = ready ? ConditionStatuses.True : ConditionStatuses.False,
        Reason = ready ? "KubeletReady" : "ContainerRuntimeUnreachable",
        Message = ready ? "node agent is posting ready status" : message,
        LastHeartbeatTime = now,
        LastTransitionTime = now,
    };
}
