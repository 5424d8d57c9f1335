using System.Net;
using EventOrch.Api.Audit;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventOrch.Tests.Integration.Audit;

/// <summary>The audit index over a real Api and store: one row per event, written with it, found by name, uid, event
/// id and filters, rebuilt by the backfill, and read through indexes.</summary>
public sealed class AuditIndexTests(ApiServer api) : IClassFixture<ApiServer>
{
    private HttpClient Client => api.Client;
    private AuditQueries Queries => api.Services.GetRequiredService<AuditQueries>();

    private async Task BindAsync(string ns, string name, string node)
    {
        var (code, _, response) = await Client.SendAsync<Status>(HttpMethod.Post, $"{ObjectClient.PodsPath(ns)}/{name}/binding",
            new Binding { Metadata = new ObjectMeta { Name = name }, Target = new ObjectReference { Kind = "Node", Name = node } });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_event_of_a_pod_is_indexed_with_its_kind_name_type_user_time_and_request()
    {
        var ns = await Client.CreateNamespaceAsync("audit");
        await Client.RegisterAsync(TestNodes.New("audit-node-1"));
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var pod = await Client.CreatePodAsync(ObjectClient.NewPod("web"), ns);
        using var component = api.CreateClient(api.ComponentToken);
        await component.SendAsync<Status>(HttpMethod.Post, $"{ObjectClient.PodsPath(ns)}/web/binding",
            new Binding { Metadata = new ObjectMeta { Name = "web" }, Target = new ObjectReference { Kind = "Node", Name = "audit-node-1" } });
        await Client.DeletePodAsync("web", ns);

        var entries = await Queries.StreamAsync(Guid.Parse(pod.Metadata.Uid!), CancellationToken.None);

        Assert.Equal(["PodCreated", "PodBound", "PodTerminationRequested"], entries.Select(e => e.EventType));
        Assert.Equal([ApiServer.AdminUser, ApiServer.ComponentUser, ApiServer.AdminUser], entries.Select(e => e.User));
        Assert.All(entries, e => Assert.Equal(("Pod", ns, "web", Guid.Parse(pod.Metadata.Uid!)), (e.Kind, e.Namespace, e.Name, e.Uid)));
        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Version));
        Assert.Equal(pod.Metadata.ResourceVersion, entries[0].Sequence.ToString());
        Assert.All(entries, e => Assert.InRange(e.Timestamp, before, DateTimeOffset.UtcNow.AddSeconds(5)));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.CorrelationId)));
        await using (var session = api.Store.QuerySession())
        {
            var stored = await session.Events.FetchStreamAsync(Guid.Parse(pod.Metadata.Uid!));
            Assert.Equal(stored.Select(e => (e.Id, e.Sequence, e.Timestamp)), entries.Select(e => (e.EventId, e.Sequence, e.Timestamp)));
        }
        Assert.Equal(entries[1], await Queries.EventAsync(entries[1].EventId, CancellationToken.None));
        Assert.Equal(entries[2], await Queries.EventAtAsync(entries[2].Sequence, CancellationToken.None));
    }

    [Fact]
    public async Task A_name_held_by_two_objects_in_turn_has_two_streams_the_first_deleted()
    {
        var ns = await Client.CreateNamespaceAsync("audit");
        var first = await Client.CreatePodAsync(ObjectClient.NewPod("reused"), ns);
        await Client.DeletePodAsync("reused", ns);
        var second = await Client.CreatePodAsync(ObjectClient.NewPod("reused"), ns);

        var streams = await Queries.StreamsAsync("Pod", ns, "reused", CancellationToken.None);

        Assert.Equal([first.Metadata.Uid, second.Metadata.Uid], streams.Select(s => s.Uid.ToString()));
        Assert.True(streams[0].Deleted);
        Assert.Equal(2, streams[0].Events);
        Assert.False(streams[1].Deleted);
        Assert.Equal(second.Metadata.ResourceVersion, streams[1].FirstSequence.ToString());
        Assert.Empty(await Queries.StreamsAsync("Deployment", ns, "reused", CancellationToken.None));
    }

    [Fact]
    public async Task Searches_filter_by_user_type_namespace_and_time_and_page_in_sequence_order()
    {
        var ns = await Client.CreateNamespaceAsync("audit");
        using var component = api.CreateClient(api.ComponentToken);
        for (var i = 0; i < 5; i++) await Client.CreatePodAsync(ObjectClient.NewPod($"p{i}"), ns);
        await component.CreatePodAsync(ObjectClient.NewPod("by-component"), ns);

        var mine = new AuditFilter(Namespace: ns, User: ApiServer.AdminUser, EventType: "PodCreated");
        var first = await Queries.SearchAsync(mine, 0, 3, CancellationToken.None);
        var second = await Queries.SearchAsync(mine, first.Items[^1].Sequence, 3, CancellationToken.None);

        Assert.True(first.More);
        Assert.False(second.More);
        Assert.Equal(["p0", "p1", "p2", "p3", "p4"], first.Items.Concat(second.Items).Select(e => e.Name));
        var theirs = await Queries.SearchAsync(new AuditFilter(Namespace: ns, User: ApiServer.ComponentUser), 0, 10, CancellationToken.None);
        Assert.Equal(["by-component"], theirs.Items.Select(e => e.Name));
        var future = await Queries.SearchAsync(new AuditFilter(Namespace: ns, Since: DateTimeOffset.UtcNow.AddMinutes(1)), 0, 10, CancellationToken.None);
        Assert.Empty(future.Items);
        var past = await Queries.SearchAsync(new AuditFilter(Namespace: ns, Until: DateTimeOffset.UtcNow.AddMinutes(1)), 0, 100, CancellationToken.None);
        Assert.Equal(6, past.Items.Count(e => e.Kind == "Pod"));
    }

    [Theory]
    [InlineData("user")]
    [InlineData("kind-name")]
    [InlineData("type")]
    [InlineData("namespace")]
    [InlineData("time")]
    public async Task Every_search_can_be_served_by_an_index_of_the_audit_table_and_never_reads_the_event_store(string filter)
    {
        var query = filter switch
        {
            "user" => new AuditFilter(User: "ops-admin"),
            "kind-name" => new AuditFilter(Kind: "Deployment", Namespace: "default", Name: "web"),
            "type" => new AuditFilter(EventType: "PodDeleted"),
            "namespace" => new AuditFilter(Namespace: "default"),
            _ => new AuditFilter(Since: DateTimeOffset.UtcNow.AddHours(-1), Until: DateTimeOffset.UtcNow),
        };

        var plan = await Queries.ExplainSearchAsync(query, indexesOnly: true, CancellationToken.None);

        Assert.Contains($"ix_{AuditTable.Name}_", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.DoesNotContain("mt_events", plan);
    }

    [Fact]
    public async Task The_backfill_indexes_events_appended_before_the_index_had_their_rows()
    {
        var ns = await Client.CreateNamespaceAsync("audit");
        var pod = await Client.CreatePodAsync(ObjectClient.NewPod("old"), ns);
        await Client.PatchPodAsync("old", new { metadata = new { labels = new { tier = "web" } } }, ns);
        var indexed = await Queries.StreamAsync(Guid.Parse(pod.Metadata.Uid!), CancellationToken.None);

        // As if the index were new: its rows for this pod gone, and no marker.
        await using (var connection = await api.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await using var delete = new NpgsqlCommand($"delete from {api.Schema.Name}.{AuditTable.Name} where stream_id = $1", connection);
            delete.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(pod.Metadata.Uid!) });
            Assert.Equal(2, await delete.ExecuteNonQueryAsync());
        }
        await using (var session = api.Store.LightweightSession())
        {
            session.Delete<AuditBackfillMarker>(AuditBackfillMarker.TheId);
            await session.SaveChangesAsync();
        }
        Assert.Empty(await Queries.StreamAsync(Guid.Parse(pod.Metadata.Uid!), CancellationToken.None));

        var read = await api.Services.GetRequiredService<AuditBackfill>().RunAsync(CancellationToken.None);

        Assert.True(read >= 2);
        Assert.Equal(indexed, await Queries.StreamAsync(Guid.Parse(pod.Metadata.Uid!), CancellationToken.None));
        Assert.Equal(0, await api.Services.GetRequiredService<AuditBackfill>().RunAsync(CancellationToken.None));
    }
}
