namespace EventOrch.Contracts.Model;

/// <summary>eventorch.io/v1 Replay: rebuild every projection from the event record into a fresh schema and, when asked,
/// prove it equal to the live state object by object. Like a TokenReview it is never stored: the answer to its create is
/// the same object with the report in its status.</summary>
public sealed record Replay : IKubeObject
{
    public string ApiVersion { get; init; } = "eventorch.io/v1";
    public string Kind { get; init; } = "Replay";
    public ObjectMeta Metadata { get; init; } = new();
    public ReplaySpec Spec { get; init; } = new();
    public ReplayStatus? Status { get; init; }
}

public sealed record ReplaySpec
{
    /// <summary>Compare the rebuilt state with the live projections, row by row; without it the replay only rebuilds
    /// and measures.</summary>
    public bool Verify { get; init; }

    /// <summary>Keep the replay schema afterwards, to look at with psql; it is dropped otherwise.</summary>
    public bool KeepSchema { get; init; }

    /// <summary>At most this many differences are listed (every one is counted); 1000 when not given.</summary>
    public int? MaxDifferences { get; init; }
}

public sealed record ReplayStatus
{
    /// <summary>The PostgreSQL schema the projections were rebuilt in.</summary>
    public string Schema { get; init; } = "";

    /// <summary>Whether that schema is still there (asked for with keepSchema).</summary>
    public bool SchemaKept { get; init; }

    public DateTimeOffset StartTime { get; init; }
    public DateTimeOffset CompletionTime { get; init; }

    /// <summary>The newest event of the snapshot the replay read: the live state compared with is the state after it.</summary>
    public long ThroughSequence { get; init; }

    public long EventsRead { get; init; }

    /// <summary>Reading the record, folding it and writing the rebuilt tables (making the schema and its tables not included).</summary>
    public double RebuildSeconds { get; init; }

    /// <summary>Events read per second of <see cref="RebuildSeconds"/>.</summary>
    public double EventsPerSecond { get; init; }

    /// <summary>Comparing the rebuilt tables with the live ones; null when not verified.</summary>
    public double? VerifySeconds { get; init; }

    /// <summary>From start to answer, schema made and dropped included.</summary>
    public double DurationSeconds { get; init; }

    public List<ReplayedProjection> Projections { get; init; } = [];

    /// <summary>True when every rebuilt row equals its live row and no row is on one side only; null when not verified.</summary>
    public bool? Equal { get; init; }

    /// <summary>How many differences were found, listed or not.</summary>
    public long DifferenceCount { get; init; }

    /// <summary>Whether more differences were found than <see cref="Differences"/> lists.</summary>
    public bool DifferencesTruncated { get; init; }

    public List<ReplayDifference> Differences { get; init; } = [];
}

/// <summary>One rebuilt table: what it holds, how many rows the replay made and how many the live table has.</summary>
public sealed record ReplayedProjection
{
    /// <summary>The table's name without its schema (<c>mt_doc_pods</c>).</summary>
    public string Table { get; init; } = "";

    /// <summary>The kind of object a row stands for (Pod, Event, NodePortClaim, AuditEvent).</summary>
    public string Kind { get; init; } = "";

    public long Rebuilt { get; init; }

    /// <summary>Rows of the live table in the snapshot; null when not verified.</summary>
    public long? Live { get; init; }

    /// <summary>Null when not verified.</summary>
    public long? Differences { get; init; }
}

/// <summary>A row that differs: on one side only, or on both with different content.</summary>
public sealed record ReplayDifference
{
    /// <summary>The table, as in <see cref="ReplayedProjection.Table"/>.</summary>
    public string Table { get; init; } = "";

    public string Kind { get; init; } = "";
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public string? Uid { get; init; }

    /// <summary>The row's id in its table (the uid for objects, the position for Events, the port for claims, the
    /// sequence for audit rows).</summary>
    public string Id { get; init; } = "";

    /// <summary><see cref="ReplayDifferenceTypes"/>: MissingFromLive, MissingFromReplay or Changed.</summary>
    public string Type { get; init; } = "";

    /// <summary>For Changed, the JSON paths in the stored row whose values differ (<c>object.spec.containers[0].image</c>).</summary>
    public List<string>? Paths { get; init; }
}

public static class ReplayDifferenceTypes
{
    /// <summary>The record makes the row, the live table does not have it.</summary>
    public const string MissingFromLive = "MissingFromLive";

    /// <summary>The live table has a row the record does not make.</summary>
    public const string MissingFromReplay = "MissingFromReplay";

    /// <summary>Both have the row, with different content.</summary>
    public const string Changed = "Changed";
}
