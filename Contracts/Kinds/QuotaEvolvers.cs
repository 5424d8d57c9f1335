using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds ResourceQuota events: a spec and a status, as the workloads.</summary>
public static class ResourceQuotaEvolver
{
    public static SpecStatusEvolver<ResourceQuota, ResourceQuotaSpec, ResourceQuotaStatus> Instance { get; } = new(ResourceKind.ResourceQuota,
        [typeof(ResourceQuotaCreated), typeof(ResourceQuotaMetadataChanged), typeof(ResourceQuotaSpecChanged), typeof(ResourceQuotaStatusChanged), typeof(ResourceQuotaDeleted)],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}

/// <summary>Folds LimitRange events into the object's current state (a spec, no status, no generation).</summary>
public sealed class LimitRangeEvolver : IObjectEvolver<LimitRange>
{
    public static LimitRangeEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.LimitRange;

    public IReadOnlyList<Type> EventTypes { get; } =
        [typeof(LimitRangeCreated), typeof(LimitRangeMetadataChanged), typeof(LimitRangeSpecChanged), typeof(LimitRangeDeleted)];

    public LimitRange? Apply(LimitRange? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        LimitRangeCreated e => e.LimitRange with { Metadata = e.LimitRange.Metadata.At(position) },
        LimitRangeDeleted => null,
        _ when current is null => null,
        LimitRangeMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        LimitRangeSpecChanged e => current with { Spec = e.Spec, Metadata = current.Metadata.At(position) },
        _ => current,
    };
}
