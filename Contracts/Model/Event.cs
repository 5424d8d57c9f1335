using System.Text.Json.Serialization;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Contracts.Model;

/// <summary>A core v1 Event: what happened to an object, as <c>kubectl describe</c> and <c>kubectl get events</c> show
/// it. In EventOrch it is a view of the permanent record, projected from the domain events (never written by a client,
/// never expiring); <c>count</c> is always 1.</summary>
public sealed record KubeEvent : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Event";
    public ObjectMeta Metadata { get; init; } = new();
    public ObjectReference InvolvedObject { get; init; } = new();
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public EventSource? Source { get; init; }
    public DateTimeOffset? FirstTimestamp { get; init; }
    public DateTimeOffset? LastTimestamp { get; init; }
    public int? Count { get; init; }

    /// <summary><see cref="EventTypes.Normal"/> or <see cref="EventTypes.Warning"/>.</summary>
    public string? Type { get; init; }

    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? EventTime { get; init; }

    public string? Action { get; init; }
    public ObjectReference? Related { get; init; }
    public string? ReportingComponent { get; init; }
    public string? ReportingInstance { get; init; }
}

/// <summary>Who reported an event: a component, and for the kubelet (here the node agent) its node.</summary>
public sealed record EventSource
{
    public string? Component { get; init; }
    public string? Host { get; init; }
}

/// <summary>The two event types Kubernetes knows.</summary>
public static class EventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}

/// <summary>An events.k8s.io/v1 Event: the same facts as <see cref="KubeEvent"/> under the newer names
/// (<c>regarding</c>, <c>note</c>, <c>reportingController</c>, <c>deprecatedSource</c>, ...).</summary>
public sealed record EventsV1Event : IKubeObject
{
    public string ApiVersion { get; init; } = "events.k8s.io/v1";
    public string Kind { get; init; } = "Event";
    public ObjectMeta Metadata { get; init; } = new();

    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? EventTime { get; init; }

    public string? ReportingController { get; init; }
    public string? ReportingInstance { get; init; }
    public string? Action { get; init; }
    public string? Reason { get; init; }
    public ObjectReference? Regarding { get; init; }
    public ObjectReference? Related { get; init; }
    public string? Note { get; init; }
    public string? Type { get; init; }
    public EventSource? DeprecatedSource { get; init; }
    public DateTimeOffset? DeprecatedFirstTimestamp { get; init; }
    public DateTimeOffset? DeprecatedLastTimestamp { get; init; }
    public int? DeprecatedCount { get; init; }

    /// <summary>The events.k8s.io/v1 form of a core Event, field for field as Kubernetes converts them.</summary>
    public static EventsV1Event From(KubeEvent e) => new()
    {
        Metadata = e.Metadata,
        EventTime = e.EventTime,
        ReportingController = e.ReportingComponent,
        ReportingInstance = e.ReportingInstance,
        Action = e.Action,
        Reason = e.Reason,
        Regarding = e.InvolvedObject,
        Related = e.Related,
        Note = e.Message,
        Type = e.Type,
        DeprecatedSource = e.Source,
        DeprecatedFirstTimestamp = e.FirstTimestamp,
        DeprecatedLastTimestamp = e.LastTimestamp,
        DeprecatedCount = e.Count,
    };
}
