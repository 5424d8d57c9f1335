namespace EventOrch.NodeAgent.Runtime;

/// <summary>How the agent reaches the Docker Engine (configuration section "Docker").</summary>
public sealed class DockerRuntimeOptions
{
    public const string Section = "Docker";

    /// <summary>The engine's API endpoint: a unix socket, or tcp://host:port.</summary>
    public string Endpoint { get; set; } = "unix:///var/run/docker.sock";

    /// <summary>How long a pull may take before it counts as failed, so an unreachable registry fails promptly
    /// instead of holding a pod in ContainerCreating.</summary>
    public TimeSpan PullTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether the engine may pull images. Off where no registry is reachable (./eo turns it off): a pull
    /// would only send the engine's registry lookups off the machine, and a missing image fails at once instead.</summary>
    public bool PullImages { get; set; } = true;
}
