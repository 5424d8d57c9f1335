using System.Text.Json;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using Microsoft.AspNetCore.Http.Features;

namespace EventOrch.Api.Watch;

/// <summary>The answer to a watch: 200, then one JSON object per line, <c>{"type":"ADDED","object":{...}}</c>, each
/// flushed as it is written (a run of queued events is flushed once, after its last), until the timeout, the client
/// going away, the Api stopping, or the cache ending the watch. A watch that cannot start (its resourceVersion is too
/// old or too new) gets a single ERROR event with the Status, as Kubernetes sends it.</summary>
public sealed class WatchStream : IResult
{
    private readonly ResourceKind _kind;
    private readonly WatchRequest _request;
    private readonly WatchFilter _filter;
    private readonly IWatchObjectEncoder _encoder;
    private readonly WatchSubscription? _subscription;
    private readonly Status? _error;

    private WatchStream(ResourceKind kind, WatchRequest request, WatchFilter filter, IWatchObjectEncoder encoder,
        WatchSubscription? subscription, Status? error)
    {
        _kind = kind;
        _request = request;
        _filter = filter;
        _encoder = encoder;
        _subscription = subscription;
        _error = error;
    }

    public static WatchStream Of(ResourceKind kind, WatchRequest request, WatchFilter filter, IWatchObjectEncoder encoder, WatchSubscription subscription) =>
        new(kind, request, filter, encoder, subscription, null);

    public static WatchStream Failed(ResourceKind kind, WatchRequest request, WatchFilter filter, IWatchObjectEncoder encoder, Status error) =>
        new(kind, request, filter, encoder, null, error);

    public async Task ExecuteAsync(HttpContext http)
    {
        using var subscription = _subscription;
        var services = http.RequestServices;
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WatchOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var cache = services.GetRequiredService<WatchCache>();
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        var timeout = _request.Timeout ?? options.MinRequestTimeout * (1 + Random.Shared.NextDouble());
        using var deadline = new CancellationTokenSource(timeout, time);
        // Writes are never cancelled by the deadline: Kestrel aborts the connection when a write to the response is
        // cancelled, and the client would see a reset instead of the stream's end. The deadline only ends the waiting.
        using var writes = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(writes.Token, deadline.Token);
        var cancellationToken = linked.Token;

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = _encoder.ContentType;
        http.Response.Headers.CacheControl = "no-cache, private";
        var writer = new EventWriter(http.Response, _encoder);
        try
        {
            await http.Response.StartAsync(writes.Token);
            if (_error is not null)
            {
                writer.WriteError(_error);
                await writer.FlushAsync(writes.Token);
                return;
            }
            await StreamAsync(writer, subscription!, cache, options.BookmarkInterval, time, cancellationToken, writes.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            // The watch's time is up: a last bookmark says how far it got, and the stream ends cleanly.
            if (_request.AllowBookmarks && subscription is not null)
            {
                writer.WriteBookmark(_kind, Math.Max(writer.ResourceVersion, cache.ResourceVersion), initialEventsEnd: false);
                await writer.FlushAsync(http.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away, or the Api is stopping.
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private async Task StreamAsync(EventWriter writer, WatchSubscription subscription, WatchCache cache, TimeSpan bookmarkInterval,
        TimeProvider time, CancellationToken cancellationToken, CancellationToken writeToken)
    {
        foreach (var obj in subscription.InitialObjects)
        {
            if (_filter.Matches(obj)) writer.Write(WatchEventTypes.Added, obj);
        }
        writer.ResourceVersion = subscription.ResourceVersion;
        if (_request.InitialEvents && _request.InitialEventsEndBookmark)
            writer.WriteBookmark(_kind, subscription.ResourceVersion, initialEventsEnd: true);
        foreach (var change in subscription.Backlog) Write(writer, change);
        await writer.FlushAsync(writeToken);

        var changes = subscription.Changes;
        Task<bool>? waiting = null;
        var bookmarkDue = _request.AllowBookmarks ? Task.Delay(bookmarkInterval, time, cancellationToken) : null;
        while (true)
        {
            waiting ??= changes.WaitToReadAsync(cancellationToken).AsTask();
            if (bookmarkDue is not null && await Task.WhenAny(waiting, bookmarkDue) == bookmarkDue)
            {
                await bookmarkDue;
                // Every change up to the cache's position has been queued for this watch by now: send those, then the bookmark.
                var reached = cache.ResourceVersion;
                while (changes.TryRead(out var queued)) Write(writer, queued);
                writer.WriteBookmark(_kind, Math.Max(writer.ResourceVersion, reached), initialEventsEnd: false);
                await writer.FlushAsync(writeToken);
                bookmarkDue = Task.Delay(bookmarkInterval, time, cancellationToken);
                continue;
            }
            var more = await waiting;
            waiting = null;
            if (!more) return;
            while (changes.TryRead(out var change)) Write(writer, change);
            await writer.FlushAsync(writeToken);
        }
    }

    private void Write(EventWriter writer, ObjectChange change)
    {
        if (_filter.EventFor(change) is { } e) writer.Write(e.Type, e.Object);
        writer.ResourceVersion = Math.Max(writer.ResourceVersion, change.ResourceVersion);
    }

    // Writes events straight into the response's pipe; FlushAsync sends what is written.
    private sealed class EventWriter(HttpResponse response, IWatchObjectEncoder encoder)
    {
        private static readonly JsonWriterOptions WriterOptions = new() { Encoder = KubeJson.Options.Encoder };
        private readonly Utf8JsonWriter _json = new(response.BodyWriter, WriterOptions);

        /// <summary>How far the stream has gone: the newest change it has passed (sent or not selected).</summary>
        public long ResourceVersion { get; set; }

        public void Write(string type, IKubeObject obj)
        {
            _json.WriteStartObject();
            _json.WriteString("type", type);
            _json.WritePropertyName("object");
            encoder.Write(_json, type, obj);
            _json.WriteEndObject();
            EndLine();
        }

        public void WriteBookmark(ResourceKind kind, long resourceVersion, bool initialEventsEnd)
        {
            Write(WatchEventTypes.Bookmark, BookmarkObject.Of(kind, resourceVersion, initialEventsEnd));
            ResourceVersion = resourceVersion;
        }

        public void WriteError(Status status)
        {
            _json.WriteStartObject();
            _json.WriteString("type", WatchEventTypes.Error);
            _json.WritePropertyName("object");
            JsonSerializer.Serialize(_json, status, KubeJson.Options);
            _json.WriteEndObject();
            EndLine();
        }

        public async Task FlushAsync(CancellationToken cancellationToken) => await response.BodyWriter.FlushAsync(cancellationToken);

        private void EndLine()
        {
            _json.Flush();
            _json.Reset();
            var span = response.BodyWriter.GetSpan(1);
            span[0] = (byte)'\n';
            response.BodyWriter.Advance(1);
        }
    }
}
