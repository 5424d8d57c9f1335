using System.Net;
using System.Text;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Waiting;
using Microsoft.Extensions.Options;

namespace EventOrch.Tests.Unit.Cli;

public sealed class WatcherTests
{
    // Answers every request with one canned response, and remembers the path asked for.
    private sealed class CannedHandler(HttpStatusCode code, string body, string mediaType = "application/json") : HttpMessageHandler
    {
        public string? Asked { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked = request.RequestUri!.PathAndQuery;
            return Task.FromResult(new HttpResponseMessage(code) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
        }
    }

    private static KubeApiClient Client(HttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:1") }, Options.Create(new ApiClientOptions()));

    private static async Task<List<WatchEvent>> ReadAllAsync(KubeApiClient api, string? resourceVersion = null)
    {
        var events = new List<WatchEvent>();
        await foreach (var change in Watcher.WatchAsync(api, "/api/v1/namespaces/a/pods", "?fieldSelector=metadata.name%3Dp", resourceVersion, null, CancellationToken.None))
            events.Add(change);
        return events;
    }

    [Fact]
    public async Task A_watch_stream_is_read_one_event_per_line_from_the_resource_version_given()
    {
        var handler = new CannedHandler(HttpStatusCode.OK, """
            {"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p","resourceVersion":"11"}}}

            {"type":"MODIFIED","object":{"kind":"Pod","metadata":{"name":"p","resourceVersion":"12"}}}
            {"type":"DELETED","object":{"kind":"Pod","metadata":{"name":"p","resourceVersion":"13"}}}
            """);

        var events = await ReadAllAsync(Client(handler), "10");

        Assert.Equal("/api/v1/namespaces/a/pods?fieldSelector=metadata.name%3Dp&watch=1&resourceVersion=10", handler.Asked);
        Assert.Equal([("ADDED", "11"), ("MODIFIED", "12"), ("DELETED", "13")], events.Select(e => (e.Type, e.ResourceVersion)));
    }

    [Fact]
    public async Task An_api_that_answers_a_watch_with_400_serves_none_and_the_caller_polls() =>
        await Assert.ThrowsAsync<WatchNotServedException>(() => ReadAllAsync(Client(new CannedHandler(HttpStatusCode.BadRequest,
            """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"BadRequest","message":"watch is not served yet","code":400}"""))));

    [Fact]
    public async Task A_resource_version_too_old_ends_the_watch_so_the_caller_lists_again()
    {
        var handler = new CannedHandler(HttpStatusCode.OK, """
            {"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 5 (40)"}}
            """);

        var error = await Assert.ThrowsAsync<WatchExpiredException>(() => ReadAllAsync(Client(handler), "5"));

        Assert.Equal("too old resource version: 5 (40)", error.Message);
    }
}
