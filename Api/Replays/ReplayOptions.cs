using System.ComponentModel.DataAnnotations;

namespace EventOrch.Api.Replays;

/// <summary>How a replay reads and writes (configuration section "Replay").</summary>
public sealed class ReplayOptions
{
    public const string Section = "Replay";

    /// <summary>Sequence numbers (so at most as many events) read per query.</summary>
    [Range(10, 100_000)] public int PageSize { get; set; } = 5000;

    /// <summary>Connections reading events at once, each in the replay's snapshot.</summary>
    [Range(1, 16)] public int Readers { get; set; } = 2;

    /// <summary>Finished rows (Kubernetes Events, audit index rows) gathered before one bulk write.</summary>
    [Range(100, 1_000_000)] public int WriteBatchSize { get; set; } = 20_000;
}
