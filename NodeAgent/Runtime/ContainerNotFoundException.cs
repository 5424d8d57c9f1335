namespace EventOrch.NodeAgent.Runtime;

/// <summary>Thrown where the interface has no way to answer "gone" as a value (start, logs), so callers need not
/// know the engine's own exception types.</summary>
public sealed class ContainerNotFoundException(string containerId, Exception? inner = null)
    : Exception($"container {containerId} does not exist", inner)
{
    public string ContainerId { get; } = containerId;
}
