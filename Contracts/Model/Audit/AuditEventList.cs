namespace EventOrch.Contracts.Model.Audit;

/// <summary>eventorch.io/v1 AuditEventList: one page of the cluster-wide audit query (<c>/apis/eventorch.io/v1/audit</c>),
/// oldest first; <c>metadata.continue</c> asks for the next.</summary>
public sealed record AuditEventList
{
    public string ApiVersion { get; init; } = AuditKinds.ApiVersion;
    public string Kind { get; init; } = AuditKinds.AuditEventList;
    public ListMeta Metadata { get; init; } = new();
    public List<AuditEvent> Items { get; init; } = [];
}

/// <summary>One event of the record, as the audit query lists it.</summary>
public sealed record AuditEvent
{
    public string ResourceVersion { get; init; } = "";
    public DateTimeOffset Time { get; init; }
    public string Type { get; init; } = "";
    public string? User { get; init; }

    /// <summary>The object (apiVersion, kind, namespace, name, uid).</summary>
    public ObjectReference Object { get; init; } = new();

    public long StreamVersion { get; init; }
    public string EventId { get; init; } = "";
    public string? CorrelationId { get; init; }
    public string? CausationId { get; init; }
}

/// <summary>The kinds of the audit trail's answers (group eventorch.io, version v1).</summary>
public static class AuditKinds
{
    public const string Group = "eventorch.io";
    public const string Version = "v1";
    public const string ApiVersion = Group + "/" + Version;
    public const string ObjectHistory = "ObjectHistory";
    public const string CausalChain = "CausalChain";
    public const string AuditEventList = "AuditEventList";
    public const string RefusalList = "RefusalList";

    /// <summary>The path of the cluster-wide audit query.</summary>
    public const string AuditPath = "/apis/" + ApiVersion + "/audit";

    /// <summary>The path of the log of refused requests.</summary>
    public const string RefusalsPath = "/apis/" + ApiVersion + "/refusals";
}
