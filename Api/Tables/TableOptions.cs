namespace EventOrch.Api.Tables;

/// <summary>What each row carries of its object (the includeObject parameter): nothing, its metadata as a
/// PartialObjectMetadata (the default), or the whole object.</summary>
public enum IncludeObject
{
    None,
    Metadata,
    Object,
}

/// <summary>How a Table is asked for: its apiVersion (meta.k8s.io/v1 or v1beta1, same shape), what rows carry, and
/// whether to include the column definitions (a watch sends them with its first event only).</summary>
public sealed record TableOptions(string ApiVersion, IncludeObject IncludeObject, bool IncludeColumns = true)
{
    public static readonly TableOptions Default = new("meta.k8s.io/v1", IncludeObject.Metadata);
}
