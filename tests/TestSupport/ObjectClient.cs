using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using Xunit;

namespace EventOrch.Tests.Support;

/// <summary>Raw HTTP helpers for tests that check status codes, headers and Status bodies.</summary>
public static class ObjectClient
{
    public static string PodsPath(string @namespace = "default") => $"/api/v1/namespaces/{@namespace}/pods";

    public static Pod NewPod(string name, Dictionary<string, string>? labels = null, string image = "eventorch/busybox:latest") => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels },
        Spec = new PodSpec
        {
            Containers = [new Container { Name = "main", Image = image, Command = ["sleep", "3600"] }],
        },
    };

    public static async Task<(HttpStatusCode Code, T? Body, HttpResponseMessage Response)> SendAsync<T>(
        this HttpClient client, HttpMethod method, string path, object? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body, body.GetType(), KubeJson.Options);
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        T? parsed = default;
        // A refusal's body is a Status: it is the Body only when asked for as one (or as any JSON); read as the object
        // hoped for, it would not parse (a Status's "status" is a string) and the caller's check of the code would never run.
        var readable = response.IsSuccessStatusCode || typeof(T).IsAssignableFrom(typeof(Status)) || typeof(JsonNode).IsAssignableFrom(typeof(T));
        if (readable && raw.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json") ?? false))
            parsed = JsonSerializer.Deserialize<T>(raw, KubeJson.Options);
        return (response.StatusCode, parsed, response);
    }

    /// <summary>POSTs an object, asserts it was created (201) and returns it as stored.</summary>
    public static async Task<T> CreateAsync<T>(this HttpClient client, string path, T obj)
    {
        var (code, created, response) = await client.SendAsync<T>(HttpMethod.Post, path, obj);
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return created!;
    }

    public static async Task<Pod> CreatePodAsync(this HttpClient client, Pod pod, string @namespace = "default")
    {
        var (code, created, response) = await client.SendAsync<Pod>(HttpMethod.Post, PodsPath(@namespace), pod);
        if (code != HttpStatusCode.Created) throw new InvalidOperationException($"create failed: {code} {await response.Content.ReadAsStringAsync()}");
        return created!;
    }

    public static async Task<Pod> PatchPodAsync(this HttpClient client, string name, object patch, string @namespace = "default")
    {
        var (code, patched, response) = await client.SendAsync<Pod>(HttpMethod.Patch, $"{PodsPath(@namespace)}/{name}",
            patch, "application/merge-patch+json");
        if (code != HttpStatusCode.OK) throw new InvalidOperationException($"patch failed: {code} {await response.Content.ReadAsStringAsync()}");
        return patched!;
    }

    public static async Task DeletePodAsync(this HttpClient client, string name, string @namespace = "default")
    {
        var response = await client.DeleteAsync($"{PodsPath(@namespace)}/{name}");
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"delete failed: {response.StatusCode}");
    }

    public static async Task<ObjectList<Pod>> ListPodsAsync(this HttpClient client, string? @namespace = "default", string query = "")
    {
        var path = @namespace is null ? "/api/v1/pods" : PodsPath(@namespace);
        return (await client.GetFromJsonAsync<ObjectList<Pod>>(path + query, KubeJson.Options))!;
    }

    public static JsonNode ToNode(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), KubeJson.Options)!;
}
