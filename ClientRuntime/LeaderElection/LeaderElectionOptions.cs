namespace EventOrch.ClientRuntime.LeaderElection;

/// <summary>Leader election on a Lease (configuration section "LeaderElection"), as Kubernetes' components do it.</summary>
public sealed class LeaderElectionOptions
{
    public const string Section = "LeaderElection";

    public bool Enabled { get; set; } = true;

    /// <summary>The lease in kube-system that the instances of one component compete for.</summary>
    public string LeaseName { get; set; } = "";

    /// <summary>This instance's identity; by default host name, process id and a random suffix.</summary>
    public string Identity { get; set; } = $"{Environment.MachineName}_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>How long a lease stays valid without renewal: a standby takes over at most this long after the leader stops.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How often the leader renews, and a standby retries.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
