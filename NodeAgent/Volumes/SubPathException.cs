namespace EventOrch.NodeAgent.Volumes;

/// <summary>A volumeMount's subPath that cannot be used; the container waits with CreateContainerConfigError, as in Kubernetes.</summary>
public sealed class SubPathException(string message) : InvalidOperationException(message);
