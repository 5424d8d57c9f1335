using System.Collections.Concurrent;
using System.Net;
using EventOrch.Api.Authorization;
using EventOrch.Api.Watch;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventOrch.Tests.Integration.Api;

/// <summary>Watch over a real Api and store: each test works in a namespace of its own.</summary>
public sealed class WatchTests(WatchTests.Fixture fixture) : IClassFixture<WatchTests.Fixture>
{
    public const int HistorySize = 40;

    /// <summary>An Api with a short watch history (so a resourceVersion can fall out of it) and frequent bookmarks.</summary>
    public sealed class Fixture : ApiServer
    {
        protected override Dictionary<string, string?> Settings => new()
        {
            ["Watch:HistorySize"] = HistorySize.ToString(),
            ["Watch:BookmarkInterval"] = "00:00:01",
            ["Watch:GapTimeout"] = "00:00:01",
        };

        public WatchAuthorizer Authorizer { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IRequestAuthorizer>(Authorizer);
    }

    /// <summary>Allows everything but a watch in the namespace "watch-forbidden", and remembers what each watch asked.</summary>
    public sealed class WatchAuthorizer : IRequestAuthorizer
    {
        public ConcurrentQueue<RequestAttributes> Watches { get; } = new();

        public ValueTask<Decision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken)
        {
            if (attributes.Verb != "watch") return ValueTask.FromResult(Decision.Allow());
            Watches.Enqueue(attributes);
            return ValueTask.FromResult(attributes.Namespace == "watch-forbidden" ? Decision.Deny("no watching here") : Decision.Allow());
        }
    }

    private const string MergePatch = "application/merge-patch+json";
    private HttpClient Client => fixture.Client;

    private async Task<string> NamespaceAsync(string name)
    {
        await Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = name } });
        return name;
    }

    private async Task<long> ListVersionAsync(string @namespace) =>
        long.Parse((await Client.ListPodsAsync(@namespace)).Metadata.ResourceVersion!);

    private Task<Pod> RelabelAsync(string @namespace, string name, string app) =>
        Client.PatchPodAsync(name, new { metadata = new { labels = new Dictionary<string, string> { ["app"] = app } } }, @namespace);

    private static Dictionary<string, string> App(string app) => new() { ["app"] = app };

    [Fact]
    public async Task A_watch_from_a_list_sees_creates_updates_and_deletes_in_order()
    {
        var ns = await NamespaceAsync("watch-order");
        var from = await ListVersionAsync(ns);
        await using var watch = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath(ns)}?watch=1&resourceVersion={from}");

        var created = await Client.CreatePodAsync(ObjectClient.NewPod("p1", App("web")), ns);
        var relabelled = await RelabelAsync(ns, "p1", "api");
        await Client.DeletePodAsync("p1", ns);
        var events = await watch.TakeAsync(3);

        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("p1", e.Name));
        Assert.Equal(long.Parse(created.Metadata.ResourceVersion!), events[0].ResourceVersion);
        Assert.Equal(long.Parse(relabelled.Metadata.ResourceVersion!), events[1].ResourceVersion);
        Assert.Equal("api", events[1].Label("app"));
        // DELETED carries the last state, at the deletion's resourceVersion.
        Assert.Equal("api", events[2].Label("app"));
        Assert.True(events[2].ResourceVersion > events[1].ResourceVersion);
        Assert.True(events[0].ResourceVersion > from);
    }

    [Fact]
    public async Task A_watch_resumed_from_a_resource_version_in_the_middle_sees_only_what_came_after()
    {
        var ns = await NamespaceAsync("watch-resume");
        var a = await Client.CreatePodAsync(ObjectClient.NewPod("a"), ns);
        await Client.CreatePodAsync(ObjectClient.NewPod("b"), ns);
        await RelabelAsync(ns, "a", "later");

        await using var watch = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath(ns)}?watch=true&resourceVersion={a.Metadata.ResourceVersion}");
        var events = await watch.TakeAsync(2);

        Assert.Equal(["ADDED b", "MODIFIED a"], events.Select(e => $"{e.Type} {e.Name}"));
        Assert.Null(await watch.NothingWithinAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_watch_without_a_resource_version_starts_with_every_current_object_then_follows()
    {
        var ns = await NamespaceAsync("watch-initial");
        await Client.CreatePodAsync(ObjectClient.NewPod("b"), ns);
        await Client.CreatePodAsync(ObjectClient.NewPod("a"), ns);

        // Without a resourceVersion the watch is a consistent read: the pods just written are there.
        await using var watch = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath(ns)}?watch=1&allowWatchBookmarks=true");
        var initial = new[] { await watch.NextAsync(), await watch.NextAsync() };
        var end = await watch.NextAsync();
        await Client.CreatePodAsync(ObjectClient.NewPod("c"), ns);
        var live = await watch.NextAsync();

        Assert.Equal(["ADDED a", "ADDED b"], initial.Select(e => $"{e.Type} {e.Name}"));
        Assert.Equal("BOOKMARK", end.Type);
        Assert.Equal("true", end.Object["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
        Assert.True(end.ResourceVersion >= initial.Max(e => e.ResourceVersion));
        Assert.Equal("ADDED c", $"{live.Type} {live.Name}");
    }

    [Fact]
    public async Task A_resource_version_older_than_the_history_gets_an_expired_error_event()
    {
        var ns = await NamespaceAsync("watch-expired");
        var first = await Client.CreatePodAsync(ObjectClient.NewPod("churn"), ns);
        for (var i = 0; i < HistorySize + 5; i++) await RelabelAsync(ns, "churn", $"v{i}");

        await using var watch = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath(ns)}?watch=1&resourceVersion={first.Metadata.ResourceVersion}");
        var events = await watch.ReadToEndAsync();

        var error = Assert.Single(events);
        Assert.Equal("ERROR", error.Type);
        Assert.Equal(410, error.Object["code"]!.GetValue<int>());
        Assert.Equal("Expired", error.Object["reason"]!.GetValue<string>());
        Assert.StartsWith($"too old resource version: {first.Metadata.ResourceVersion} (", error.Object["message"]!.GetValue<string>());
        Assert.Equal("Status", error.Object["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bookmarks_come_when_asked_for_and_carry_only_the_kind_and_a_resource_version()
    {
        var ns = await NamespaceAsync("watch-bookmarks");
        var from = await ListVersionAsync(ns);
        await using var watch = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath(ns)}?watch=1&resourceVersion={from}&allowWatchBookmarks=true");
        await Client.CreatePodAsync(ObjectClient.NewPod("marked"), ns);

        var added = await watch.NextAsync();
        var bookmark = await watch.NextAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("ADDED", added.Type);
        Assert.Equal("BOOKMARK", bookmark.Type);
        Assert.Equal("Pod", bookmark.Object["kind"]!.GetValue<string>());
        Assert.Equal("v1", bookmark.Object["apiVersion"]!.GetValue<string>());
        Assert.Equal(["resourceVersion"], bookmark.Object["metadata"]!.AsObject().Select(p => p.Key));
        Assert.True(bookmark.ResourceVersion >= added.ResourceVersion);
    }

    [Fact]
    public async Task A_watch_without_bookmarks_gets_none()
    {
        var ns = await NamespaceAsync("watch-no-bookmarks");
        await using var watch = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath(ns)}?watch=1&resourceVersion={await ListVersionAsync(ns)}");

        Assert.Null(await watch.NothingWithinAsync(TimeSpan.FromSeconds(2.5)));
    }

    [Fact]
    public async Task Timeout_seconds_ends_the_stream_cleanly_after_a_last_bookmark()
    {
        var ns = await NamespaceAsync("watch-timeout");
        await using var watch = await WatchClient.OpenAsync(Client,
            $"{ObjectClient.PodsPath(ns)}?watch=1&resourceVersion={await ListVersionAsync(ns)}&timeoutSeconds=1&allowWatchBookmarks=true");

        var events = await watch.ReadToEndAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("BOOKMARK", events[^1].Type);
        Assert.Equal("chunked", watch.Response.Headers.TransferEncoding.ToString());
        Assert.Equal("application/json", watch.Response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_object_leaving_a_label_selection_is_deleted_and_one_entering_it_is_added()
    {
        var ns = await NamespaceAsync("watch-selector");
        await using var watch = await WatchClient.OpenAsync(Client,
            $"{ObjectClient.PodsPath(ns)}?watch=1&resourceVersion={await ListVersionAsync(ns)}&labelSelector=app%3Dweb");

        await Client.CreatePodAsync(ObjectClient.NewPod("w", App("web")), ns);
        await Client.CreatePodAsync(ObjectClient.NewPod("d", App("db")), ns);
        var left = await RelabelAsync(ns, "w", "api");
        await RelabelAsync(ns, "d", "web");
        var events = await watch.TakeAsync(3);

        Assert.Equal(["ADDED w", "DELETED w", "ADDED d"], events.Select(e => $"{e.Type} {e.Name}"));
        // The DELETED object is the last state that matched, at the resourceVersion of the change that took it out.
        Assert.Equal("web", events[1].Label("app"));
        Assert.Equal(long.Parse(left.Metadata.ResourceVersion!), events[1].ResourceVersion);
        Assert.Equal("web", events[2].Label("app"));
    }

    [Fact]
    public async Task A_single_object_watch_sees_only_that_object()
    {
        var ns = await NamespaceAsync("watch-single");
        await Client.CreatePodAsync(ObjectClient.NewPod("target"), ns);
        await Client.CreatePodAsync(ObjectClient.NewPod("other"), ns);
        var from = await ListVersionAsync(ns);
        await using var selected = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath(ns)}?watch=1&resourceVersion={from}&fieldSelector=metadata.name%3Dtarget");
        await using var legacy = await WatchClient.OpenAsync(Client, $"/api/v1/watch/namespaces/{ns}/pods/target?resourceVersion={from}");

        await RelabelAsync(ns, "other", "x");
        await RelabelAsync(ns, "target", "y");

        foreach (var watch in new[] { selected, legacy })
        {
            var e = await watch.NextAsync();
            Assert.Equal("MODIFIED target", $"{e.Type} {e.Name}");
            Assert.Null(await watch.NothingWithinAsync(TimeSpan.FromMilliseconds(300)));
        }
    }

    [Fact]
    public async Task A_watch_across_namespaces_sees_every_namespace()
    {
        var one = await NamespaceAsync("watch-all-one");
        var two = await NamespaceAsync("watch-all-two");
        await using var watch = await WatchClient.OpenAsync(Client, $"/api/v1/pods?watch=1&resourceVersion={await ListVersionAsync(one)}&labelSelector=spread%3Dyes");

        await Client.CreatePodAsync(ObjectClient.NewPod("x", new() { ["spread"] = "yes" }), one);
        await Client.CreatePodAsync(ObjectClient.NewPod("y", new() { ["spread"] = "yes" }), two);
        var events = await watch.TakeAsync(2);

        Assert.Equal([$"{one}/x", $"{two}/y"], events.Select(e => $"{e.Object["metadata"]!["namespace"]}/{e.Name}"));
    }

    [Fact]
    public async Task A_pod_terminating_gracefully_is_modified_then_deleted()
    {
        var ns = await NamespaceAsync("watch-graceful");
        await Client.RegisterAsync(TestNodes.New("watch-node"));
        await Client.CreatePodAsync(ObjectClient.NewPod("g"), ns);
        await Client.SendAsync<Status>(HttpMethod.Post, $"{ObjectClient.PodsPath(ns)}/g/binding",
            new Binding { Metadata = new ObjectMeta { Name = "g" }, Target = new ObjectReference { Kind = "Node", Name = "watch-node" } });
        await using var watch = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath(ns)}?watch=1&resourceVersion={await ListVersionAsync(ns)}");

        await Client.DeletePodAsync("g", ns);
        await Client.SendAsync<Pod>(HttpMethod.Delete, $"{ObjectClient.PodsPath(ns)}/g?gracePeriodSeconds=0");
        var events = await watch.TakeAsync(2);

        Assert.Equal(["MODIFIED", "DELETED"], events.Select(e => e.Type));
        Assert.NotNull(events[0].Object["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task Cluster_scoped_kinds_are_watched_too()
    {
        var from = await ListVersionAsync("default");
        await using var watch = await WatchClient.OpenAsync(Client, $"/api/v1/namespaces?watch=1&resourceVersion={from}&fieldSelector=metadata.name%3Dwatch-cluster");

        await NamespaceAsync("watch-cluster");
        var e = await watch.NextAsync();

        Assert.Equal("ADDED watch-cluster", $"{e.Type} {e.Name}");
        Assert.Equal("Namespace", e.Object["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/v1/nodes", "Node")]
    [InlineData("/api/v1/namespaces/default/services", "Service")]
    [InlineData("/api/v1/namespaces/default/endpoints", "Endpoints")]
    [InlineData("/api/v1/namespaces/default/replicationcontrollers", "ReplicationController")]
    [InlineData("/apis/apps/v1/namespaces/default/replicasets", "ReplicaSet")]
    [InlineData("/apis/apps/v1/deployments", "Deployment")]
    [InlineData("/apis/networking.k8s.io/v1/namespaces/default/ingresses", "Ingress")]
    [InlineData("/api/v1/watch/namespaces", "Namespace")]
    public async Task Every_served_kind_is_watched(string path, string kind)
    {
        // Each stream starts with the kind's current objects (at least its initial-events-end bookmark) and ends cleanly.
        await using var watch = await WatchClient.OpenAsync(Client, $"{path}?watch=1&timeoutSeconds=1&allowWatchBookmarks=true");

        var events = await watch.ReadToEndAsync(TimeSpan.FromSeconds(5));

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Contains(e.Type, new[] { "ADDED", "BOOKMARK" }));
        Assert.All(events, e => Assert.Equal(kind, e.Object["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_resource_version_ahead_of_the_store_gets_a_too_large_error_event()
    {
        var ahead = await ListVersionAsync("default") + 1_000_000;
        await using var watch = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath()}?watch=1&resourceVersion={ahead}");

        var error = Assert.Single(await watch.ReadToEndAsync());

        Assert.Equal("ERROR", error.Type);
        Assert.Equal(504, error.Object["code"]!.GetValue<int>());
        Assert.StartsWith($"Timeout: Too large resource version: {ahead}, current: ", error.Object["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("resourceVersion=abc", HttpStatusCode.BadRequest, "resourceVersion")]
    [InlineData("timeoutSeconds=soon", HttpStatusCode.BadRequest, "timeoutSeconds")]
    [InlineData("fieldSelector=spec.hostname%3Dx", HttpStatusCode.BadRequest, "fieldSelector")]
    [InlineData("sendInitialEvents=true", HttpStatusCode.UnprocessableEntity, "resourceVersionMatch")]
    public async Task A_malformed_watch_is_refused_with_a_status_naming_the_parameter(string query, HttpStatusCode code, string field)
    {
        var (status, body, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath()}?watch=1&{query}");

        Assert.Equal(code, status);
        Assert.Equal(field, body!.Details!.Causes![0].Field);
    }

    [Fact]
    public async Task A_client_that_goes_away_ends_its_watch()
    {
        var cache = fixture.Services.GetRequiredService<WatchCache>();
        var before = cache.WatchCount;
        var watch = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath()}?watch=1&resourceVersion={await ListVersionAsync("default")}");
        await Eventually.WaitFor(() => cache.WatchCount == before + 1, "the watch to be registered");

        await watch.DisposeAsync();

        await Eventually.WaitFor(() => cache.WatchCount == before, "the watch to be ended");
    }

    [Fact]
    public async Task A_watch_is_authorised_with_the_watch_verb_and_the_name_it_selects()
    {
        var (code, denied, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath("watch-forbidden")}?watch=1");
        await using var one = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath()}?watch=1&resourceVersion=0&fieldSelector=metadata.name%3Dsolo");

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal($"pods is forbidden: User \"{ApiServer.AdminUser}\" cannot watch resource \"pods\" in API group \"\" in the namespace \"watch-forbidden\": no watching here", denied!.Message);
        Assert.Contains(fixture.Authorizer.Watches, a => a is { Verb: "watch", Namespace: "default", Name: "solo" } && a.Kind.Plural == "pods");
    }

    [Fact]
    public async Task A_watch_needs_authentication()
    {
        using var anonymous = fixture.CreateClient(null);

        var response = await anonymous.GetAsync($"{ObjectClient.PodsPath()}?watch=1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
