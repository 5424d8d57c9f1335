namespace EventOrch.Contracts.Model;

/// <summary>Standard object metadata, as in Kubernetes' meta/v1 ObjectMeta.</summary>
public sealed record ObjectMeta
{
    public string? Name { get; init; }
    public string? GenerateName { get; init; }
    public string? Namespace { get; init; }
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
    public long? Generation { get; init; }
    public DateTimeOffset? CreationTimestamp { get; init; }
    public DateTimeOffset? DeletionTimestamp { get; init; }
    public long? DeletionGracePeriodSeconds { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "uid")]
    public List<OwnerReference>? OwnerReferences { get; init; }
    [PatchStrategy(PatchStrategies.Merge)]
    public List<string>? Finalizers { get; init; }

    /// <summary>This metadata with <paramref name="finalizer"/> among its finalizers (unchanged when it is there).</summary>
    public ObjectMeta WithFinalizer(string finalizer) =>
        Finalizers?.Contains(finalizer) == true ? this : this with { Finalizers = [.. Finalizers ?? [], finalizer] };

    /// <summary>This metadata without <paramref name="finalizer"/>; no finalizers left is none (null), as the Api stores it.</summary>
    public ObjectMeta WithoutFinalizer(string finalizer)
    {
        var finalizers = (Finalizers ?? []).Where(f => f != finalizer).ToList();
        return this with { Finalizers = finalizers.Count == 0 ? null : finalizers };
    }

    /// <summary>This metadata with the annotation set (a copy of the annotations; the original is untouched).</summary>
    public ObjectMeta WithAnnotation(string key, string value) =>
        this with { Annotations = new Dictionary<string, string>(Annotations ?? []) { [key] = value } };
}

/// <summary>A link from a dependent object to the object that owns it.</summary>
public sealed record OwnerReference
{
    public string ApiVersion { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string Uid { get; init; } = "";
    public bool? Controller { get; init; }
    public bool? BlockOwnerDeletion { get; init; }
}

/// <summary>Metadata of a list response.</summary>
public sealed record ListMeta
{
    public string? ResourceVersion { get; init; }
    public string? Continue { get; init; }
    public long? RemainingItemCount { get; init; }
}

/// <summary>Every top-level object: apiVersion, kind and metadata.</summary>
public interface IKubeObject
{
    string ApiVersion { get; }
    string Kind { get; }
    ObjectMeta Metadata { get; }
}

/// <summary>Any list of objects, whatever their type: its metadata and items.</summary>
public interface IKubeList
{
    string ApiVersion { get; }
    string Kind { get; }
    ListMeta Metadata { get; }
    IEnumerable<IKubeObject> Objects { get; }
}

/// <summary>A list of objects of one kind (PodList, NamespaceList, ...).</summary>
public sealed record ObjectList<T> : IKubeList where T : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "List";
    public ListMeta Metadata { get; init; } = new();
    public List<T> Items { get; init; } = [];

    IEnumerable<IKubeObject> IKubeList.Objects => Items.Cast<IKubeObject>();
}
