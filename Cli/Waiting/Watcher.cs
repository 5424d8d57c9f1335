using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;

namespace EventOrch.Cli.Waiting;

/// <summary>One event of a watch stream: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR, and its object.</summary>
public sealed record WatchEvent(string Type, JsonNode? Object)
{
    public string? ResourceVersion => Object?["metadata"]?["resourceVersion"]?.GetValue<string>();
}

/// <summary>The Api does not serve watch on this collection (it answered 400): callers poll instead.</summary>
public sealed class WatchNotServedException(string message) : Exception(message);

/// <summary>The resourceVersion a watch started from is too old (410 Gone): callers list again.</summary>
public sealed class WatchExpiredException(string message) : Exception(message);

/// <summary>Reads a Kubernetes watch (<c>?watch=1</c>): one JSON event per line, for as long as the server keeps the
/// stream open.</summary>
public static class Watcher
{
    public static async IAsyncEnumerable<WatchEvent> WatchAsync(KubeApiClient api, string collectionPath, string query, string? resourceVersion,
        string? accept, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = collectionPath + (query.Length == 0 ? "?" : query + "&") + "watch=1";
        if (!string.IsNullOrEmpty(resourceVersion)) path += $"&resourceVersion={Uri.EscapeDataString(resourceVersion)}";
        HttpResponseMessage response;
        try
        {
            response = await api.OpenStreamAsync(path, accept, cancellationToken);
        }
        catch (ApiException ex) when (ex.Code is 400 or 405 or 501)
        {
            throw new WatchNotServedException(ex.Status.Message ?? "watch is not served");
        }
        catch (ApiException ex) when (ex.Code == 410)
        {
            throw new WatchExpiredException(ex.Status.Message ?? "too old resource version");
        }
        using (response)
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0) continue;
                JsonNode? node;
                try
                {
                    node = JsonNode.Parse(line);
                }
                catch (JsonException)
                {
                    continue;
                }
                var type = node?["type"]?.GetValue<string>() ?? "";
                var obj = node?["object"];
                if (type == "ERROR")
                {
                    var code = obj?["code"] is JsonValue c && c.TryGetValue<int>(out var value) ? value : 0;
                    var message = obj?["message"]?.GetValue<string>() ?? "watch error";
                    if (code == 410) throw new WatchExpiredException(message);
                    throw new ApiException(new Contracts.Model.Status { Code = code, Message = message, Reason = obj?["reason"]?.GetValue<string>() });
                }
                yield return new WatchEvent(type, obj);
            }
        }
    }
}
