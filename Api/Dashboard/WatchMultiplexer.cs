using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace EventOrch.Api.Dashboard;

/// <summary><c>GET /ui/watch?path=W&amp;path=W…</c>: several Api watches in one response, so a page can follow every
/// kind it shows. A browser opens at most six HTTP/1.1 connections to a host; a page watching pods, nodes, workloads
/// and events at once would have none left for its other calls. Each path is an ordinary watch of this Api, made
/// with the caller's own token, so authentication, RBAC and the refusal log apply to it as to any other; its lines
/// come back one per line as <c>{"stream":i,"event":{…}}</c>, a watch refused as <c>{"stream":i,"status":{…}}</c>,
/// and a watch that ended (its timeout) as <c>{"stream":i,"end":true}</c>.</summary>
public static class WatchMultiplexer
{
    public const string ClientName = "dashboard-watch";
    public const int MaxPaths = 16;
    private const int MaxQueuedLines = 1024;

    public static async Task StreamAsync(HttpContext http)
    {
        var paths = http.Request.Query["path"].Select(p => p ?? "").ToList();
        if (Validate(paths) is { } error)
        {
            await KubeResults.Error(error).ExecuteAsync(http);
            return;
        }
        if (LoopbackAddress(http.RequestServices) is not { } baseAddress)
        {
            await KubeResults.Error(ApiErrors.ServiceUnavailable("the dashboard's watch needs the Api to listen on plain HTTP")).ExecuteAsync(http);
            return;
        }

        var client = http.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
        var authorization = http.Request.Headers.Authorization.ToString();
        // Bounded: a page that reads slowly holds its watches back, as a slow client of one watch does, rather than
        // growing the Api's memory.
        var lines = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxQueuedLines) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var aborted = http.RequestAborted;
        var readers = paths.Select((path, i) => ForwardAsync(client, new Uri(baseAddress, path), authorization, i, lines.Writer, aborted)).ToList();
        _ = Task.WhenAll(readers).ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-cache, private";
        try
        {
            // The headers go now, not with the first line: a watch from a recent resourceVersion may have nothing to say for a while.
            await http.Response.StartAsync(aborted);
            await http.Response.Body.FlushAsync(aborted);
            await foreach (var line in lines.Reader.ReadAllAsync(aborted))
            {
                await http.Response.Body.WriteAsync(line, aborted);
                // A burst (every pod of a list) goes out in one flush.
                while (lines.Reader.TryRead(out var more)) await http.Response.Body.WriteAsync(more, aborted);
                await http.Response.Body.FlushAsync(aborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The page went away; its watches end with it.
        }
    }

    private static Status? Validate(List<string> paths)
    {
        if (paths.Count == 0) return ApiErrors.BadRequest("path: Required value: at least one watch path", "path");
        if (paths.Count > MaxPaths) return ApiErrors.BadRequest($"path: Too many: {paths.Count}: must have at most {MaxPaths} items", "path");
        foreach (var path in paths)
        {
            var query = path.IndexOf('?') is var q and >= 0 ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(path[q..]) : [];
            var isApiPath = path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/apis/", StringComparison.Ordinal);
            var isWatch = query.TryGetValue("watch", out var watch) && watch.ToString() is "1" or "true";
            if (!isApiPath || !isWatch || path.Contains("..", StringComparison.Ordinal) || path.Contains('#'))
                return ApiErrors.BadRequest($"path: Invalid value: \"{path}\": must be a watch of this Api (/api/... or /apis/... with watch=1)", "path");
        }
        return null;
    }

    private static async Task ForwardAsync(HttpClient client, Uri uri, string authorization, int stream, ChannelWriter<byte[]> lines,
        CancellationToken cancellationToken)
    {
        var prefix = Encoding.UTF8.GetBytes($"{{\"stream\":{stream},");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (authorization.Length > 0) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var status = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                await lines.WriteAsync([.. prefix, .. "\"status\":"u8, .. status, .. "}\n"u8], cancellationToken);
                return;
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0) await lines.WriteAsync([.. prefix, .. "\"event\":"u8, .. Encoding.UTF8.GetBytes(line), .. "}\n"u8], cancellationToken);
            }
            await lines.WriteAsync([.. prefix, .. "\"end\":true}\n"u8], cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or ChannelClosedException && cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The Api is stopping, or the connection broke: the page watches again.
            await lines.WriteAsync([.. prefix, .. "\"end\":true}\n"u8], cancellationToken).AsTask().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // The Api's own plain-HTTP listener, on loopback (a wildcard listener is reached through 127.0.0.1).
    private static Uri? LoopbackAddress(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (!address.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) continue;
            var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
            if (uri.Host is "0.0.0.0" or "[::]" or "localhost") uri.Host = "127.0.0.1";
            return uri.Uri;
        }
        return null;
    }
}
