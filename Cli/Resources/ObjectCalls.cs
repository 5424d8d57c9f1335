using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Discovery;

namespace EventOrch.Cli.Resources;

/// <summary>The REST calls eoctl makes on objects of any served kind, as JSON trees (fields this build has no type for
/// are kept as they are).</summary>
public static class ObjectCalls
{
    private const int PageSize = 500;

    /// <summary>"?asOf=..." for a point, or "" for now.</summary>
    public static string AsOfQuery(string? asOf) => string.IsNullOrEmpty(asOf) ? "" : $"?asOf={Uri.EscapeDataString(asOf)}";

    /// <summary>The object, or null when it does not exist.</summary>
    public static async Task<JsonObject?> GetObjectAsync(this KubeApiClient api, ApiResource resource, string? @namespace, string name,
        CancellationToken cancellationToken)
    {
        try
        {
            return (JsonObject)await api.SendJsonAsync(HttpMethod.Get, resource.ItemPath(@namespace, name), cancellationToken: cancellationToken);
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Every object of the collection (one namespace, or every one when null), following continue tokens; each
    /// item gets the apiVersion and kind a list leaves out.</summary>
    public static Task<(List<JsonObject> Items, string? ResourceVersion)> ListObjectsAsync(this KubeApiClient api, ApiResource resource,
        string? @namespace, string? labelSelector, string? fieldSelector, CancellationToken cancellationToken) =>
        api.ListObjectsAsync(resource, @namespace, labelSelector, fieldSelector, asOf: null, cancellationToken);

    /// <summary>As <see cref="ListObjectsAsync(KubeApiClient, ApiResource, string?, string?, string?, CancellationToken)"/>, the
    /// objects as they were at <paramref name="asOf"/> (a resourceVersion or an RFC 3339 time) when it is given.</summary>
    public static async Task<(List<JsonObject> Items, string? ResourceVersion)> ListObjectsAsync(this KubeApiClient api, ApiResource resource,
        string? @namespace, string? labelSelector, string? fieldSelector, string? asOf, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        string? resourceVersion = null, next = null;
        do
        {
            var page = await api.SendJsonAsync(HttpMethod.Get, resource.CollectionPath(resource.Namespaced ? @namespace : null)
                + ListQuery(labelSelector, fieldSelector, next, asOf), cancellationToken: cancellationToken);
            foreach (var item in page["items"] as JsonArray ?? [])
            {
                if (item is not JsonObject obj) continue;
                var typed = (JsonObject)obj.DeepClone();
                if (typed["apiVersion"] is null || typed["kind"] is null)
                {
                    typed.Remove("apiVersion");
                    typed.Remove("kind");
                    typed = new JsonObject([KeyValuePair.Create<string, JsonNode?>("apiVersion", resource.GroupVersion),
                        KeyValuePair.Create<string, JsonNode?>("kind", resource.Kind), .. typed.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))]);
                }
                items.Add(typed);
            }
            resourceVersion ??= page["metadata"]?["resourceVersion"]?.GetValue<string>();
            next = page["metadata"]?["continue"]?.GetValue<string>();
        } while (!string.IsNullOrEmpty(next));
        return (items, resourceVersion);
    }

    /// <summary>?limit=500 with the selectors, continue token and asOf point given.</summary>
    public static string ListQuery(string? labelSelector, string? fieldSelector, string? next, string? asOf = null, int limit = PageSize)
    {
        var query = $"?limit={limit}";
        if (SelectorQuery(labelSelector, fieldSelector) is { Length: > 0 } selectors) query += "&" + selectors[1..];
        if (!string.IsNullOrEmpty(next)) query += $"&continue={Uri.EscapeDataString(next)}";
        if (!string.IsNullOrEmpty(asOf)) query += $"&asOf={Uri.EscapeDataString(asOf)}";
        return query;
    }

    /// <summary>"?labelSelector=...&amp;fieldSelector=..." for the selectors given, or "" for none.</summary>
    public static string SelectorQuery(string? labelSelector, string? fieldSelector)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(labelSelector)) parts.Add($"labelSelector={Uri.EscapeDataString(labelSelector)}");
        if (!string.IsNullOrEmpty(fieldSelector)) parts.Add($"fieldSelector={Uri.EscapeDataString(fieldSelector)}");
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    public static async Task<JsonObject> CreateObjectAsync(this KubeApiClient api, ApiResource resource, string? @namespace, JsonObject obj,
        CancellationToken cancellationToken) =>
        (JsonObject)await api.SendJsonAsync(HttpMethod.Post, resource.CollectionPath(resource.Namespaced ? @namespace : null), obj,
            cancellationToken: cancellationToken);

    /// <summary>PUT: the object's metadata.resourceVersion makes it a compare-and-swap (409 when the object changed since).</summary>
    public static async Task<JsonObject> ReplaceObjectAsync(this KubeApiClient api, ApiResource resource, string? @namespace, string name,
        JsonObject obj, CancellationToken cancellationToken) =>
        (JsonObject)await api.SendJsonAsync(HttpMethod.Put, resource.ItemPath(@namespace, name), obj, cancellationToken: cancellationToken);
}
