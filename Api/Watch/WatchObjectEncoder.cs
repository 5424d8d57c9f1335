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

/// <summary>Each object as a one-row Table, as <c>kubectl get -w</c> asks for it; the column definitions go with the
/// first event only, as kube-apiserver sends them. A BOOKMARK keeps its own object.</summary>
public sealed class TableWatchObjectEncoder(Tables.TableConvertor tables, ResourceKind kind, Tables.TableOptions options) : IWatchObjectEncoder
{
    private bool _columnsSent;

    public string ContentType => "application/json";

    public void Write(Utf8JsonWriter writer, string eventType, IKubeObject obj)
    {
        if (obj is BookmarkObject)
        {
            JsonWatchObjectEncoder.Instance.Write(writer, eventType, obj);
            return;
        }
        var table = tables.Convert(kind, [obj], options with { IncludeColumns = !_columnsSent });
        _columnsSent = true;
        JsonSerializer.Serialize(writer, table, KubeJson.Options);
    }
}

/// <summary>Objects as the Api serves them: what a kind keeps only at rest (a Secret's sealed data) is opened first.
/// An object that cannot be opened (its key is gone) is written as stored, which holds no plaintext.</summary>
public sealed class OpeningWatchObjectEncoder<T>(IWatchObjectEncoder inner, Resources.ResourceDefinition<T> definition) : IWatchObjectEncoder
    where T : class, IKubeObject
{
    public string ContentType => inner.ContentType;

    public void Write(Utf8JsonWriter writer, string eventType, IKubeObject obj) =>
        inner.Write(writer, eventType, obj is T stored && definition.Open(stored) is { IsSuccess: true } opened ? opened.Value! : obj);
}

/// <summary>A watch of a kind in a version other than the stored one (autoscaling/v1 HorizontalPodAutoscalers): that
/// version's kind, for bookmarks and errors, and how a stored object becomes one of it.</summary>
public sealed record WatchView(ResourceKind Kind, Func<IKubeObject, IKubeObject> Convert);

/// <summary>Each object converted to the watched version before <paramref name="inner"/> writes it; a bookmark as it is.</summary>
public sealed class ConvertingWatchObjectEncoder(IWatchObjectEncoder inner, Func<IKubeObject, IKubeObject> convert) : IWatchObjectEncoder
{
    public string ContentType => inner.ContentType;

    public void Write(Utf8JsonWriter writer, string eventType, IKubeObject obj) =>
        inner.Write(writer, eventType, obj is BookmarkObject ? obj : convert(obj));
}

/// <summary>Chooses how a watch writes its objects, from the request.</summary>
public static class WatchObjectEncoders
{
    /// <summary>The encoder for a watch of the kind <paramref name="definition"/> serves: Table rows when the Accept
    /// header asks for them, JSON objects otherwise; a Status (406) when the request accepts nothing served.
    /// <paramref name="view"/>, for a watch of another version the kind is served in, turns each opened object into that
    /// version before it is written.</summary>
    public static ApiResult<IWatchObjectEncoder> For<T>(HttpContext http, Resources.ResourceDefinition<T> definition, WatchView? view = null)
        where T : class, IKubeObject
    {
        var tables = http.RequestServices.GetRequiredService<Tables.TableConvertor>();
        var negotiated = tables.Negotiate(http.Request);
        if (!negotiated.IsSuccess) return negotiated.Error!;
        IWatchObjectEncoder inner = negotiated.Value is { } options
            ? new TableWatchObjectEncoder(tables, view?.Kind ?? definition.Kind, options)
            : JsonWatchObjectEncoder.Instance;
        if (view is not null) inner = new ConvertingWatchObjectEncoder(inner, view.Convert);
        return new OpeningWatchObjectEncoder<T>(inner, definition);
    }
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
