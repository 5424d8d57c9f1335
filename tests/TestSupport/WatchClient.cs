using System.Net;
using System.Text.Json.Nodes;

namespace EventOrch.Tests.Support;

/// <summary>One event read from a watch stream.</summary>
public sealed record WatchLine(string Type, JsonObject Object)
{
    public string? Name => Object["metadata"]?["name"]?.GetValue<string>();
    public long ResourceVersion => long.Parse(Object["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "0");
    public string? Label(string key) => Object["metadata"]?["labels"]?[key]?.GetValue<string>();
    public override string ToString() => $"{Type} {Name} {ResourceVersion}";
}

/// <summary>A watch stream opened over HTTP, read one line at a time with a deadline.</summary>
public sealed class WatchClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens <paramref name="path"/> (a watch) and waits for the response headers; the status must be 200.</summary>
    public static async Task<WatchClient> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"watch {path} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return new WatchClient(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event; throws <see cref="TimeoutException"/> when none comes in time, and
    /// <see cref="EndOfStreamException"/> when the stream ends.</summary>
    public async Task<WatchLine> NextAsync(TimeSpan? timeout = null)
    {
        var line = await ReadLineAsync(timeout ?? DefaultTimeout) ?? throw new EndOfStreamException("the watch ended");
        var node = JsonNode.Parse(line)!.AsObject();
        return new WatchLine(node["type"]!.GetValue<string>(), node["object"]!.AsObject());
    }

    /// <summary>The next <paramref name="count"/> events that are not bookmarks.</summary>
    public async Task<List<WatchLine>> TakeAsync(int count, TimeSpan? timeout = null)
    {
        var lines = new List<WatchLine>();
        while (lines.Count < count)
        {
            var line = await NextAsync(timeout);
            if (line.Type != "BOOKMARK") lines.Add(line);
        }
        return lines;
    }

    /// <summary>Every remaining event, up to the end of the stream; throws <see cref="TimeoutException"/> when it does not end in time.</summary>
    public async Task<List<WatchLine>> ReadToEndAsync(TimeSpan? timeout = null)
    {
        var lines = new List<WatchLine>();
        while (await ReadLineAsync(timeout ?? DefaultTimeout) is { } line)
        {
            var node = JsonNode.Parse(line)!.AsObject();
            lines.Add(new WatchLine(node["type"]!.GetValue<string>(), node["object"]!.AsObject()));
        }
        return lines;
    }

    /// <summary>Asserts that no event arrives within <paramref name="quiet"/>; returns the one that did, if any.</summary>
    public async Task<WatchLine?> NothingWithinAsync(TimeSpan quiet)
    {
        try
        {
            return await NextAsync(quiet);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private Task<string?> _pending = Task.FromResult<string?>(null);
    private bool _reading;

    // A read that times out stays pending and is picked up by the next call, so no line is lost.
    private async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        if (!_reading)
        {
            _pending = _reader.ReadLineAsync();
            _reading = true;
        }
        if (await Task.WhenAny(_pending, Task.Delay(timeout)) != _pending) throw new TimeoutException($"no watch event within {timeout.TotalSeconds} s");
        _reading = false;
        return await _pending;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
