namespace EventOrch.Contracts.Model.Audit;

/// <summary>eventorch.io/v1 CausalChain: why an object's event happened, following causation ids back to the request
/// at the root; served at <c>.../{plural}/{name}/why</c>.</summary>
public sealed record CausalChain
{
    public string ApiVersion { get; init; } = AuditKinds.ApiVersion;
    public string Kind { get; init; } = AuditKinds.CausalChain;

    /// <summary>The object asked about.</summary>
    public ObjectReference Object { get; init; } = new();

    /// <summary>The event asked about first, then its cause, its cause's cause, ... up to the root.</summary>
    public List<CausalStep> Steps { get; init; } = [];

    /// <summary>How the chain ends: <see cref="CausalRoots.UserRequest"/>, <see cref="CausalRoots.NoRecordedCause"/>
    /// or <see cref="CausalRoots.CauseNotFound"/>.</summary>
    public string Root { get; init; } = "";

    /// <summary>The end in words: which user's request, or why the cause is unknown.</summary>
    public string Message { get; init; } = "";
}

/// <summary>One event in a chain of causes.</summary>
public sealed record CausalStep
{
    /// <summary>The object the event is of (kind, namespace, name, uid; resourceVersion: the event's sequence).</summary>
    public ObjectReference Object { get; init; } = new();

    public string Type { get; init; } = "";
    public string EventId { get; init; } = "";
    public DateTimeOffset Time { get; init; }

    /// <summary>Who wrote it: the user or service account recorded.</summary>
    public string? User { get; init; }

    /// <summary>Who acted, in words: the user, or the component a service account's write comes from
    /// (<c>replicaset-controller</c>, <c>default-scheduler</c>, <c>kubelet</c>, ...).</summary>
    public string Actor { get; init; } = "";

    /// <summary>Whether <see cref="User"/> is a component (a <c>system:</c> identity) rather than a person.</summary>
    public bool ByComponent { get; init; }

    /// <summary>What the event did, as a verb and what follows the object (<c>scaled</c>, <c>from 2 to 3</c>), so a
    /// sentence can say "ReplicaSet web was scaled from 2 to 3" or "ops-admin scaled Deployment web from 2 to 3".</summary>
    public string Verb { get; init; } = "";

    public string? Detail { get; init; }

    /// <summary>The request id of the write.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The event this one was caused by, when recorded.</summary>
    public string? CausationId { get; init; }

    /// <summary>Set when the next step is not the recorded cause itself: a controller named its workload's own status
    /// write, and the next step is the spec or metadata change that status write followed.</summary>
    public string? Note { get; init; }

    /// <summary>Why the writer decided it, when it said (an autoscaler's metric values and rule).</summary>
    public string? Reason { get; init; }
}

/// <summary>How a chain of causes ends.</summary>
public static class CausalRoots
{
    /// <summary>At a person's request: the root event was written by a user, not a component.</summary>
    public const string UserRequest = "UserRequest";

    /// <summary>At a component's write that names no cause (it learnt of the object from a list, say).</summary>
    public const string NoRecordedCause = "NoRecordedCause";

    /// <summary>At a cause the record does not hold (a causation id no event has).</summary>
    public const string CauseNotFound = "CauseNotFound";
}
