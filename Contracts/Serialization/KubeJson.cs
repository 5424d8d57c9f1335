using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EventOrch.Contracts.Serialization;

/// <summary>The JSON conventions of the Kubernetes API: camelCase, nulls omitted.</summary>
public static class KubeJson
{
    /// <summary>Options for reading and writing objects; unknown fields are ignored.</summary>
    public static JsonSerializerOptions Options { get; } = Create(strict: false);

    /// <summary>Like <see cref="Options"/>, but an unknown field is an error.</summary>
    public static JsonSerializerOptions Strict { get; } = Create(strict: true);

    /// <summary>Value equality for specs and statuses, which hold lists and dictionaries whose record equality is by
    /// reference: compared as JSON trees, where a dictionary's key order (PostgreSQL's jsonb reorders keys) does not count.</summary>
    public static bool Equal<TValue>(TValue a, TValue b) => System.Text.Json.Nodes.JsonNode.DeepEquals(
        JsonSerializer.SerializeToNode(a, Options), JsonSerializer.SerializeToNode(b, Options));

    /// <summary>A copy of <paramref name="node"/> with every object's keys in ordinal order, so two trees that differ only
    /// in key order (PostgreSQL's jsonb reorders keys) write the same text: kubectl's last-applied annotation, a pod
    /// template's hash.</summary>
    public static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>Applies the Kubernetes conventions to an options instance owned by a host (ASP.NET Core, MassTransit).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.PropertyNameCaseInsensitive = false;
        // Kubernetes writes quotes and '<', '>' in messages as they are, not as \u0022.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        if (strict) options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
