using System.ComponentModel.DataAnnotations;

namespace EventOrch.Api.Replays;

/// <summary>How a replay reads and writes (configuration section "Replay").</summary>
public sealed class ReplayOptions
{
    public const string Section = "Replay";

    /// <summary>Events read per query, in sequence order.</summary>
    [Range(100, 100_000)] public int PageSize { get; set; } = 5000;

    /// <summary>Finished rows (Events) gathered before one bulk write.</summary>
    [Range(100, 1_000_000)] public int WriteBatchSize { get; set; } = 20_000;
}
