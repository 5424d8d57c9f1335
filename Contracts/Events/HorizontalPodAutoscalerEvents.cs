using System.Text.Json.Serialization;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Events;

/// <summary>A HorizontalPodAutoscaler was created, as stored (autoscaling/v2, defaults applied), whichever version it
/// was written in.</summary>
public sealed record HorizontalPodAutoscalerCreated(HorizontalPodAutoscaler HorizontalPodAutoscaler) : ICreatedEvent<HorizontalPodAutoscaler>
{
    [JsonIgnore] public string Uid => HorizontalPodAutoscaler.Metadata.Uid!;
    [JsonIgnore] public string Namespace => HorizontalPodAutoscaler.Metadata.Namespace!;
    [JsonIgnore] public string Name => HorizontalPodAutoscaler.Metadata.Name!;
    HorizontalPodAutoscaler ICreatedEvent<HorizontalPodAutoscaler>.Object => HorizontalPodAutoscaler;
}

/// <summary>A HorizontalPodAutoscaler's labels, annotations, owner references or finalizers changed, or its deletion began.</summary>
public sealed record HorizontalPodAutoscalerMetadataChanged(string Uid, string Namespace, string Name, MetadataChanges Changes) : IMetadataChangedEvent;

/// <summary>A HorizontalPodAutoscaler's target, bounds, metrics or behavior changed (the whole new spec).</summary>
public sealed record HorizontalPodAutoscalerSpecChanged(string Uid, string Namespace, string Name, HorizontalPodAutoscalerSpec Spec)
    : ISpecChangedEvent<HorizontalPodAutoscalerSpec>;

/// <summary>A HorizontalPodAutoscaler's status was replaced (by the autoscaler: replicas, current metrics, conditions).</summary>
public sealed record HorizontalPodAutoscalerStatusChanged(string Uid, string Namespace, string Name, HorizontalPodAutoscalerStatus Status)
    : IStatusChangedEvent<HorizontalPodAutoscalerStatus>;

/// <summary>A HorizontalPodAutoscaler was deleted.</summary>
public sealed record HorizontalPodAutoscalerDeleted(string Uid, string Namespace, string Name) : IDeletedEvent;
