using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using Microsoft.Extensions.Options;

namespace EventOrch.ClientRuntime.ApiClient;

/// <summary>A typed client of the Api's Kubernetes-shaped REST paths, authenticated with the component's token.</summary>
public sealed class KubeApiClient
{
    private const int PageSize = 500;
    private readonly HttpClient _http;

    public KubeApiClient(HttpClient http, IOptions<ApiClientOptions> options)
    {
        _http = http;
        _http.BaseAddress ??= new Uri(options.Value.Server);
        var token = options.Value.ResolveToken();
        if (token.Length > 0) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public static string CollectionPath(ResourceKind kind, string? @namespace)
    {
        var prefix = kind.PathPrefix;
        return kind.Namespaced && @namespace is not null
            ? $"{prefix}/namespaces/{Uri.EscapeDataString(@namespace)}/{kind.Plural}"
            : $"{prefix}/{kind.Plural}";
    }

    public static string ItemPath(ResourceKind kind, string? @namespace, string name) =>
        $"{CollectionPath(kind, @namespace)}/{Uri.EscapeDataString(name)}";

    /// <summary>Every object of a kind (in one namespace, or all), following continue tokens.</summary>
    public async Task<ObjectList<T>> ListAsync<T>(ResourceKind kind, string? @namespace = null, string? labelSelector = null,
        CancellationToken cancellationToken = default) where T : class, IKubeObject
    {
        var items = new List<T>();
        string? resourceVersion = null, next = null;
        do
        {
            var query = $"?limit={PageSize}";
            if (next is not null) query += $"&continue={Uri.EscapeDataString(next)}";
            if (labelSelector is not null) query += $"&labelSelector={Uri.EscapeDataString(labelSelector)}";
            var page = await SendAsync<ObjectList<T>>(HttpMethod.Get, CollectionPath(kind, @namespace) + query, null, cancellationToken);
            items.AddRange(page.Items);
            resourceVersion ??= page.Metadata.ResourceVersion;
            next = page.Metadata.Continue;
        } while (!string.IsNullOrEmpty(next));
        return new ObjectList<T> { ApiVersion = kind.ApiVersion, Kind = kind.ListKind, Metadata = new ListMeta { ResourceVersion = resourceVersion }, Items = items };
    }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> GetAsync<T>(ResourceKind kind, string? @namespace, string name, CancellationToken cancellationToken = default)
        where T : class, IKubeObject
    {
        try
        {
            return await SendAsync<T>(HttpMethod.Get, ItemPath(kind, @namespace, name), null, cancellationToken);
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    public Task<T> CreateAsync<T>(ResourceKind kind, T obj, CancellationToken cancellationToken = default) where T : class, IKubeObject =>
        SendAsync<T>(HttpMethod.Post, CollectionPath(kind, obj.Metadata.Namespace), obj, cancellationToken);

    public Task<T> ReplaceAsync<T>(ResourceKind kind, T obj, CancellationToken cancellationToken = default) where T : class, IKubeObject =>
        SendAsync<T>(HttpMethod.Put, ItemPath(kind, obj.Metadata.Namespace, obj.Metadata.Name!), obj, cancellationToken);

    public Task<T> ReplaceStatusAsync<T>(ResourceKind kind, T obj, CancellationToken cancellationToken = default) where T : class, IKubeObject =>
        SendAsync<T>(HttpMethod.Put, ItemPath(kind, obj.Metadata.Namespace, obj.Metadata.Name!) + "/status", obj, cancellationToken);

    /// <summary>A JSON merge patch (RFC 7386) of the main resource, applied to whatever is stored: for fields only
    /// this caller writes, so no resourceVersion is needed.</summary>
    public Task<T> PatchAsync<T>(ResourceKind kind, string? @namespace, string name, object patch, CancellationToken cancellationToken = default)
        where T : class, IKubeObject =>
        SendAsync<T>(HttpMethod.Patch, ItemPath(kind, @namespace, name), patch, cancellationToken, "application/merge-patch+json");

    /// <summary>A JSON merge patch of the status subresource, for status fields only this caller writes.</summary>
    public Task<T> PatchStatusAsync<T>(ResourceKind kind, string? @namespace, string name, object patch, CancellationToken cancellationToken = default)
        where T : class, IKubeObject =>
        SendAsync<T>(HttpMethod.Patch, ItemPath(kind, @namespace, name) + "/status", patch, cancellationToken, "application/merge-patch+json");

    /// <summary>Binds a pod to a node (POST .../pods/{name}/binding).</summary>
    public async Task BindAsync(string @namespace, string pod, string node, CancellationToken cancellationToken = default) =>
        await SendAsync<Status>(HttpMethod.Post, ItemPath(ResourceKind.Pod, @namespace, pod) + "/binding", new Binding
        {
            Metadata = new ObjectMeta { Name = pod, Namespace = @namespace },
            Target = new ObjectReference { Kind = "Node", Name = node },
        }, cancellationToken);

    /// <summary>DELETE, with DeleteOptions when any is given: a grace period (0 deletes at once), a propagation policy
    /// for the object's own dependents, and uid and resourceVersion preconditions (a 409 when the object is another
    /// incarnation, or has changed since).</summary>
    public Task<T> DeleteAsync<T>(ResourceKind kind, string? @namespace, string name, long? gracePeriodSeconds = null, string? propagationPolicy = null,
        string? uid = null, string? resourceVersion = null, CancellationToken cancellationToken = default) where T : class, IKubeObject =>
        SendAsync<T>(HttpMethod.Delete, ItemPath(kind, @namespace, name),
            gracePeriodSeconds is null && propagationPolicy is null && uid is null && resourceVersion is null ? null : new
            {
                apiVersion = "v1",
                kind = "DeleteOptions",
                gracePeriodSeconds,
                propagationPolicy,
                preconditions = uid is null && resourceVersion is null ? null : new { uid, resourceVersion },
            }, cancellationToken);

    /// <summary>DELETE as <see cref="DeleteAsync{T}"/>, for a caller to whom an object already gone is fine: false when
    /// the Api answers 404 Not Found; any other error throws as it does there.</summary>
    public async Task<bool> TryDeleteAsync<T>(ResourceKind kind, string? @namespace, string name, long? gracePeriodSeconds = null, string? propagationPolicy = null,
        string? uid = null, string? resourceVersion = null, CancellationToken cancellationToken = default) where T : class, IKubeObject
    {
        try
        {
            await DeleteAsync<T>(kind, @namespace, name, gracePeriodSeconds, propagationPolicy, uid, resourceVersion, cancellationToken);
            return true;
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Any path's answer read as <typeparamref name="TResult"/>: a subresource (a workload's Scale) or another
    /// API's object (a metrics list). An error answer throws <see cref="ApiException"/>.</summary>
    public Task<TResult> ReadAsync<TResult>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<TResult>(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>Any path's JSON answer, for what has no type here (discovery documents, lists of any kind).</summary>
    public Task<System.Text.Json.Nodes.JsonObject> GetJsonAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>DELETE of a collection (every object in it the Api lets this caller delete), with a propagation policy.</summary>
    public Task DeleteCollectionAsync(string collectionPath, string propagationPolicy, CancellationToken cancellationToken = default) =>
        SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Delete, collectionPath,
            new { apiVersion = "v1", kind = "DeleteOptions", propagationPolicy }, cancellationToken);

    /// <summary>PUT of a subresource other than status (a namespace's finalize, say).</summary>
    public Task<T> ReplaceSubresourceAsync<T>(ResourceKind kind, T obj, string subresource, CancellationToken cancellationToken = default)
        where T : class, IKubeObject =>
        SendAsync<T>(HttpMethod.Put, ItemPath(kind, obj.Metadata.Namespace, obj.Metadata.Name!) + "/" + subresource, obj, cancellationToken);

    private static readonly AsyncLocal<Guid?> Cause = new();

    /// <summary>Names <paramref name="eventId"/> as the cause (X-Causation-Id) of every write this flow makes until the
    /// scope ends, so the audit trail can follow a controller's writes back to the event it acted on.</summary>
    public static IDisposable CausedBy(Guid? eventId)
    {
        var outer = Cause.Value;
        Cause.Value = eventId;
        return new Restore<Guid?>(Cause, outer);
    }

    // Puts back what a flow's value was before a scope set it.
    private sealed class Restore<T>(AsyncLocal<T> local, T outer) : IDisposable
    {
        public void Dispose() => local.Value = outer;
    }

    private static readonly AsyncLocal<string?> Reason = new();

    /// <summary>Gives every write this flow makes until the scope ends a reason (X-EventOrch-Reason), kept with its
    /// events: why a controller decided what it wrote, in words and figures (an autoscaler's metric values, say).</summary>
    public static IDisposable Because(string reason)
    {
        var outer = Reason.Value;
        Reason.Value = reason;
        return new Restore<string?>(Reason, outer);
    }

    /// <summary>Any verb on any path, with a JSON tree for body and answer: for clients that handle kinds this assembly
    /// has no type for (a kubectl-like tool). <paramref name="mediaType"/> is the body's type (a patch's, say);
    /// <paramref name="accept"/> asks for another representation of the answer (a meta.k8s.io Table).</summary>
    public Task<JsonNode> SendJsonAsync(HttpMethod method, string path, JsonNode? body = null, string mediaType = "application/json",
        string? accept = null, CancellationToken cancellationToken = default) =>
        SendAsync<JsonNode>(method, path, body, cancellationToken, mediaType, accept);

    /// <summary>A GET whose answer is read as it arrives (a followed log, a watch); the caller disposes the response.
    /// An error answer throws <see cref="ApiException"/> as the other calls do.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, string? accept = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ErrorOfAsync(response, cancellationToken);
    }

    private async Task<TResult> SendAsync<TResult>(HttpMethod method, string path, object? body, CancellationToken cancellationToken,
        string mediaType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && Cause.Value is { } cause) request.Headers.Add("X-Causation-Id", cause.ToString());
        if (method != HttpMethod.Get && Reason.Value is { } reason) request.Headers.Add("X-EventOrch-Reason", Uri.EscapeDataString(reason));
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType), KubeJson.Options);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw await ErrorOfAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<TResult>(KubeJson.Options, cancellationToken))!;
    }

    // The Status an error answer carries, or one made of the HTTP status when the body is not a Status.
    private static async Task<ApiException> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Status? status = null;
        try
        {
            status = await response.Content.ReadFromJsonAsync<Status>(KubeJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
        }
        if (status is null || (status.Message is null && status.Reason is null))
            status = new Status { Code = (int)response.StatusCode, Message = response.ReasonPhrase };
        else if (status.Code == 0) status = status with { Code = (int)response.StatusCode };
        return new ApiException(status);
    }
}
