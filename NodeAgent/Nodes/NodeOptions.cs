using System.ComponentModel.DataAnnotations;

namespace EventOrch.NodeAgent.Nodes;

/// <summary>Which node (or nodes) this agent is (configuration section "Node").</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>The node's name; with <see cref="Count"/> above 1, the prefix of "NAME-1".."NAME-N".</summary>
    [Required, RegularExpression("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")] public string Name { get; set; } = "node-1";

    /// <summary>The address pods publish their ports on, reported as the node's InternalIP.</summary>
    [Required] public string Address { get; set; } = "127.0.0.1";

    /// <summary>Hollow nodes: a simulated runtime that starts nothing (for scale tests).</summary>
    public bool Simulated { get; set; }

    /// <summary>How many nodes this process hosts (hollow nodes only).</summary>
    [Range(1, 10_000)] public int Count { get; set; } = 1;

    [Range(1, 10_000)] public int MaxPods { get; set; } = 110;

    /// <summary>Extra labels for every node of this agent.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>How often the node's lease is renewed.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a lease stays valid without renewal (written into the lease): past it, the node lifecycle
    /// controller marks the node unreachable and moves its pods. Three missed heartbeats by default, so that a
    /// dead node's pods run elsewhere within ten seconds.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Capacity of a hollow node (ignored for a real one, which reads its host).</summary>
    public string SimulatedCpu { get; set; } = "4";
    public string SimulatedMemory { get; set; } = "16Gi";

    public IEnumerable<string> NodeNames() =>
        Count == 1 ? [Name] : Enumerable.Range(1, Count).Select(i => $"{Name}-{i}");
}
