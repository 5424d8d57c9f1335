using EventOrch.Contracts.Model;

namespace EventOrch.Api.Storage;

/// <summary>The current state of one live object, kept by <see cref="ObjectProjection{T}"/>.
/// The unique (namespace, name) index on its table is the live-object index: it maps a name
/// to the uid of the one live object that holds it.</summary>
public sealed class ObjectRecord<T> where T : class, IKubeObject
{
    /// <summary>The object's uid, which is also its stream id.</summary>
    public Guid Id { get; set; }

    public string Namespace { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>"namespace/name": the order of lists and of continue tokens.</summary>
    public string Key { get; set; } = "";

    /// <summary>The global sequence of the object's latest event: its resourceVersion.</summary>
    public long Sequence { get; set; }

    /// <summary>The number of events in the object's stream.</summary>
    public long Version { get; set; }

    public T Object { get; set; } = default!;

    public static string KeyOf(string @namespace, string name) => $"{@namespace}/{name}";
}
