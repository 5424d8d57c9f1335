namespace EventOrch.NodeAgent.Runtime;

/// <summary>How the simulated runtime of hollow nodes behaves (configuration section "SimulatedRuntime").</summary>
public sealed class SimulatedRuntimeOptions
{
    public const string Section = "SimulatedRuntime";

    /// <summary>How long after a start a container reports Running, standing in for a real engine's start-up.</summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Where a named volume is a directory (the engine's volume store stand-in).</summary>
    public string VolumeRoot { get; set; } = Path.Combine(Path.GetTempPath(), "eventorch-simulated-volumes");
}
