using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds ConfigMap events into the object's current state.</summary>
public sealed class ConfigMapEvolver : IObjectEvolver<ConfigMap>
{
    public static ConfigMapEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.ConfigMap;

    public IReadOnlyList<Type> EventTypes { get; } =
    [
        typeof(ConfigMapCreated), typeof(ConfigMapMetadataChanged), typeof(ConfigMapDataChanged), typeof(ConfigMapImmutableChanged),
        typeof(ConfigMapDeleted),
    ];

    public ConfigMap? Apply(ConfigMap? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        ConfigMapCreated e => e.ConfigMap with { Metadata = e.ConfigMap.Metadata.At(position) },
        ConfigMapDeleted => null,
        _ when current is null => null,
        ConfigMapMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        ConfigMapDataChanged e => current with { Data = e.Data, BinaryData = e.BinaryData, Metadata = current.Metadata.At(position) },
        ConfigMapImmutableChanged e => current with { Immutable = e.Immutable, Metadata = current.Metadata.At(position) },
        _ => current,
    };
}
