using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables;

/// <summary>meta.k8s.io/v1 Table: what <c>kubectl get</c> asks for and prints as it comes, one row per object.</summary>
public sealed record Table
{
    public string ApiVersion { get; init; } = "meta.k8s.io/v1";
    public string Kind { get; init; } = "Table";
    public ListMeta Metadata { get; init; } = new();
    public List<TableColumnDefinition> ColumnDefinitions { get; init; } = [];
    public List<TableRow> Rows { get; init; } = [];
}

/// <summary>A column: its name (kubectl prints it upper-cased), a JSON Schema type and format, and its priority
/// (0 always shown, 1 only with <c>-o wide</c>).</summary>
public sealed record TableColumnDefinition(string Name, string Type, string Format, string Description, int Priority);

/// <summary>One object's cells, in column order, and the object itself as the request asked (metadata only by default).</summary>
public sealed record TableRow
{
    public List<object?> Cells { get; init; } = [];
    public List<TableRowCondition>? Conditions { get; init; }
    public object? Object { get; init; }
}

/// <summary>A condition of a row; Completed marks an object that has finished (a pod that succeeded or failed).</summary>
public sealed record TableRowCondition(string Type, string Status, string? Reason, string? Message);

/// <summary>meta.k8s.io/v1 PartialObjectMetadata: an object's metadata without its spec and status.</summary>
public sealed record PartialObjectMetadata
{
    public string ApiVersion { get; init; } = "meta.k8s.io/v1";
    public string Kind { get; init; } = "PartialObjectMetadata";
    public ObjectMeta Metadata { get; init; } = new();
}
