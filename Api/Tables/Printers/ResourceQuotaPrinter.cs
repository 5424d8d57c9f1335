using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Api.Tables.Printers;

/// <summary>ResourceQuotas, as kubectl prints them: NAME AGE REQUEST LIMIT, each resource as <c>used/hard</c> (limits.*
/// under LIMIT, the rest under REQUEST), by name.</summary>
public sealed class ResourceQuotaPrinter() : TablePrinter<ResourceQuota>(ResourceKind.ResourceQuota)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Age,
        Tables.Columns.Text("Request", "Used/hard of every resource but limits.* (status)."),
        Tables.Columns.Text("Limit", "Used/hard of the limits.* resources (status)."),
    ];

    protected override IReadOnlyList<object?> Cells(ResourceQuota quota, DateTimeOffset now)
    {
        var requests = new List<string>();
        var limits = new List<string>();
        foreach (var name in (quota.Spec.Hard?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal))
        {
            var entry = $"{name}: {Canonical(quota.Status?.Used, name)}/{Canonical(quota.Status?.Hard, name)}";
            (name.Split('.') is [var first, _, ..] && first == "limits" ? limits : requests).Add(entry);
        }
        return [quota.Metadata.Name, Tables.Cells.Since(quota.Metadata.CreationTimestamp, now), string.Join(", ", requests), string.Join(", ", limits)];
    }

    private static string Canonical(Dictionary<string, string>? list, string name) =>
        list?.GetValueOrDefault(name) is { } text && Quantity.TryParse(text, out var quantity) ? quantity.ToString() : "0";
}
