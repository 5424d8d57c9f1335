using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.KubeEvents;

/// <summary>One stored Kubernetes Event (table <c>kube_events</c>), with the fields kubectl selects on beside it, indexed.
/// Its id is the Event's position (<c>sequence * 256 + index</c>), so id order is the order things happened in.</summary>
public sealed class KubeEventRecord
{
    public long Id { get; set; }

    public string Namespace { get; set; } = "";
    public string Name { get; set; } = "";
    public string InvolvedName { get; set; } = "";
    public string InvolvedUid { get; set; } = "";

    public KubeEvent Event { get; set; } = default!;

    public static KubeEventRecord Of(KubeEvent e)
    {
        if (!KubeEventMapper.TryParsePosition(e.Metadata.Name ?? "", out var position))
            throw new ArgumentException($"the Event name {e.Metadata.Name} carries no position", nameof(e));
        return new KubeEventRecord
        {
            Id = position,
            Namespace = e.Metadata.Namespace ?? "",
            Name = e.Metadata.Name!,
            InvolvedName = e.InvolvedObject.Name ?? "",
            InvolvedUid = e.InvolvedObject.Uid ?? "",
            Event = e,
        };
    }
}

/// <summary>Records that the whole event record was projected into Kubernetes Events by this mapping version
/// (table <c>kube_event_backfills</c>, one row).</summary>
public sealed class KubeEventBackfillMarker
{
    public const string TheId = "kube-events";

    public string Id { get; set; } = TheId;
    public int MappingVersion { get; set; }

    /// <summary>The sequence the replay went up to; later events were projected inline.</summary>
    public long Through { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
}
