using System.Text.Json;
using JasperFx.Events;

namespace EventOrch.Api.Replays;

/// <summary>A projection a replay rebuilds: the table it fills, and how one run folds the record into that table's rows
/// with the live projection's own code. <see cref="ReplayCatalog"/> lists them.</summary>
public interface IReplayedProjection
{
    /// <summary>The kind of object a row stands for (Pod, Event, NodePortClaim, AuditEvent).</summary>
    string Kind { get; }

    /// <summary>The type of the rows the fold makes (a Marten document type, but for the audit index's plain table).</summary>
    Type DocumentType { get; }

    /// <summary>The table the rows are kept in: it is rebuilt, and compared with the live one.</summary>
    IReplayedTable Table { get; }

    /// <summary>A fresh fold for one run.</summary>
    IProjectionRebuild Start(ILogger logger);

    /// <summary>Which object a stored row stands for, read from its JSON: either side's, a corrupted one too.</summary>
    RowSubject Describe(JsonElement row);
}

/// <summary>One run's fold of one projection.</summary>
public interface IProjectionRebuild
{
    /// <summary>Folds the next event of the record: every event comes, in sequence order, whatever its type.</summary>
    void Apply(IEvent e);

    /// <summary>Rows that are final already (an Event row never changes once made), handed over once each so they are
    /// written while the replay goes on instead of being held to the end.</summary>
    IReadOnlyList<object> TakeFinished();

    /// <summary>Every row not handed over yet, after the last event.</summary>
    IReadOnlyList<object> Finish();
}

/// <summary>The object a row stands for, as far as the row says.</summary>
public readonly record struct RowSubject(string? Namespace, string? Name, string? Uid);

/// <summary>A projection that knows how it is replayed (every kind's <see cref="Storage.ObjectProjection{T}"/>).</summary>
public interface IReplayableProjection
{
    IReplayedProjection ForReplay();
}
