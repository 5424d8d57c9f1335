using System.Text.Json;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Api.Watch;

/// <summary>Writes the object of each watch event (ADDED, MODIFIED, DELETED and BOOKMARK; an ERROR's Status is written
/// as it is). This is the seam for another representation of the objects: a one-row Table per event for
/// <c>kubectl get -w</c>, chosen in <see cref="WatchObjectEncoders.For"/>. One encoder serves one stream, so it may keep
/// state (a Table sends its column definitions with the first event only).</summary>
public interface IWatchObjectEncoder
{
    /// <summary>The Content-Type of the stream.</summary>
    string ContentType { get; }

    void Write(Utf8JsonWriter writer, string eventType, IKubeObject obj);
}

/// <summary>Each object as itself, in JSON.</summary>
public sealed class JsonWatchObjectEncoder : IWatchObjectEncoder
{
    public static JsonWatchObjectEncoder Instance { get; } = new();

    public string ContentType => "application/json";

    public void Write(Utf8JsonWriter writer, string eventType, IKubeObject obj) =>
        JsonSerializer.Serialize(writer, obj, obj.GetType(), KubeJson.Options);
}

/// <summary>Chooses how a watch writes its objects, from the request.</summary>
public static class WatchObjectEncoders
{
    /// <summary>The encoder for a watch of <paramref name="kind"/>, or a Status (406) when the request accepts nothing
    /// served. Today every watch is JSON; Table output is decided here.</summary>
    public static ApiResult<IWatchObjectEncoder> For(HttpContext http, ResourceKind kind) => JsonWatchObjectEncoder.Instance;
}

/// <summary>The object of a BOOKMARK event: only the kind and metadata.resourceVersion (and, after the initial events
/// of a watch that asked for them, the annotation k8s.io/initial-events-end).</summary>
public sealed record BookmarkObject(string ApiVersion, string Kind, ObjectMeta Metadata) : IKubeObject
{
    public const string InitialEventsEndAnnotation = "k8s.io/initial-events-end";

    public static BookmarkObject Of(ResourceKind kind, long resourceVersion, bool initialEventsEnd) => new(kind.ApiVersion, kind.Kind, new ObjectMeta
    {
        ResourceVersion = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Annotations = initialEventsEnd ? new() { [InitialEventsEndAnnotation] = "true" } : null,
    });
}
