using System.Net;
using EventOrch.Api.Replays;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventOrch.Tests.Integration.Replays;

/// <summary>An Api whose replays read small pages with three readers, so that even a short record is read as many ranges,
/// in parallel, and put back in order.</summary>
public sealed class SmallPagesApiServer : ApiServer
{
    protected override Dictionary<string, string?> Settings => new() { ["Replay:PageSize"] = "10", ["Replay:Readers"] = "3" };
}

/// <summary>Replays over a real Api and store: the rebuilt projections equal the live ones after writes of every kind,
/// and while writes go on; the schema goes unless kept; only administrators may start one, one at a time.</summary>
public sealed class ReplayApiTests(SmallPagesApiServer api) : IClassFixture<SmallPagesApiServer>
{
    [Fact]
    public async Task A_verified_replay_after_writes_of_every_kind_finds_the_rebuilt_state_equal_to_the_live_one()
    {
        await new ReplayWorkload(api).RunAsync("rp");

        var replay = await api.Client.ReplayAsync(new ReplaySpec { Verify = true });

        var status = replay.Status!;
        Assert.True(status.Equal, string.Join("\n", status.Differences.Select(d => $"{d.Type} {d.Kind} {d.Namespace}/{d.Name}: {string.Join(", ", d.Paths ?? [])}")));
        Assert.Equal(0, status.DifferenceCount);
        Assert.Empty(status.Differences);
        Assert.Equal(await api.EventCountAsync(), status.EventsRead - await TombstonesAsync(status.ThroughSequence));
        Assert.All(status.Projections, p => Assert.Equal((p.Rebuilt, (long?)0), (p.Live!.Value, p.Differences)));
        Assert.Equal(await LiveRowsAsync("mt_doc_pods"), Rebuilt(status, "Pod"));
        Assert.True(Rebuilt(status, "Pod") >= 3 && Rebuilt(status, "Secret") >= 1 && Rebuilt(status, "Event") >= 10 && Rebuilt(status, "NodePortClaim") >= 1,
            string.Join(", ", status.Projections.Select(p => $"{p.Kind}={p.Rebuilt}")));
        Assert.True(status.EventsPerSecond > 0);
        Assert.True(status.ThroughSequence > 30, $"a record of {status.ThroughSequence} events is read as fewer than three ranges");
        Assert.False(status.SchemaKept);
        Assert.False(await ReplayClient.SchemaExistsAsync(status.Schema));
        Assert.Equal(("eventorch.io/v1", "Replay"), (replay.ApiVersion, replay.Kind));
    }

    [Fact]
    public async Task Writes_that_commit_while_a_replay_runs_cause_no_difference()
    {
        var ns = await new ReplayWorkload(api).RunAsync("rc");
        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            // Creates, relabels and deletes pods and ConfigMaps as fast as one client can, until told to stop.
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await api.Client.CreatePodAsync(ObjectClient.NewPod($"busy-{i}"), ns);
                await api.Client.PatchPodAsync($"busy-{i}", new { metadata = new { labels = new { round = i.ToString() } } }, ns);
                await api.Client.SendAsync<ConfigMap>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps",
                    new ConfigMap { Metadata = new ObjectMeta { Name = $"busy-{i}" }, Data = new() { ["i"] = i.ToString() } });
                if (i % 2 == 0) await api.Client.DeletePodAsync($"busy-{i}", ns);
                Interlocked.Increment(ref writes);
            }
        });
        await Eventually.WaitFor(() => Volatile.Read(ref writes) >= 3, "the writer to be under way");

        var replays = new List<Replay>();
        for (var i = 0; i < 3; i++) replays.Add(await api.Client.ReplayAsync(new ReplaySpec { Verify = true }));
        var newestBefore = await ReplayClient.NewestSequenceAsync(api.Schema.Name);
        await stop.CancelAsync();
        await writer;

        Assert.All(replays, replay => Assert.True(replay.Status!.Equal,
            string.Join("\n", replay.Status.Differences.Select(d => $"{d.Type} {d.Kind} {d.Namespace}/{d.Name}: {string.Join(", ", d.Paths ?? [])}"))));
        // The writes went on throughout: each replay saw a later record than the one before, and more came after the last.
        var through = replays.Select(r => r.Status!.ThroughSequence).ToList();
        Assert.Equal(through.Order(), through);
        Assert.Equal(3, through.Distinct().Count());
        Assert.True(newestBefore > through[^1], $"no write committed after the last replay's snapshot ({through[^1]}, newest {newestBefore})");
    }

    [Fact]
    public async Task A_replay_asked_to_keep_its_schema_leaves_the_rebuilt_tables_to_look_at()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("kept"), await api.Client.CreateNamespaceAsync("rk"));

        var status = (await api.Client.ReplayAsync(new ReplaySpec { KeepSchema = true })).Status!;

        try
        {
            Assert.True(status.SchemaKept);
            Assert.Null(status.Equal);
            Assert.Null(status.VerifySeconds);
            Assert.All(status.Projections, p => Assert.Null(p.Live));
            Assert.Equal(Rebuilt(status, "Pod"), await ReplayClient.ScalarAsync<long>($"select count(*) from {status.Schema}.mt_doc_pods"));
            Assert.Equal(1, await ReplayClient.ScalarAsync<long>(
                $"select count(*) from {status.Schema}.mt_doc_pods where data->>'name' = 'kept'"));
        }
        finally
        {
            await ReplayClient.ScalarAsync<object>($"drop schema if exists {status.Schema} cascade");
        }
    }

    [Fact]
    public async Task Only_an_authenticated_administrator_may_run_a_replay()
    {
        using var anonymous = api.CreateClient(null);
        using var component = api.CreateClient(api.ComponentToken);

        var (unauthenticated, unauthorizedStatus, _) = await anonymous.SendAsync<Status>(HttpMethod.Post, ReplayClient.Path, new Replay());
        var (forbidden, forbiddenStatus, _) = await component.SendAsync<Status>(HttpMethod.Post, ReplayClient.Path, new Replay { Spec = new() { Verify = true } });

        Assert.Equal((HttpStatusCode.Unauthorized, StatusReasons.Unauthorized), (unauthenticated, unauthorizedStatus!.Reason));
        Assert.Equal((HttpStatusCode.Forbidden, StatusReasons.Forbidden), (forbidden, forbiddenStatus!.Reason));
        Assert.Contains($"User \"{ApiServer.ComponentUser}\" cannot create resource \"replays\" in API group \"eventorch.io\"", forbiddenStatus.Message);
        Assert.Contains("system:masters", forbiddenStatus.Message);
    }

    [Fact]
    public async Task A_request_that_asks_for_too_many_differences_is_invalid_and_names_the_field()
    {
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ReplayClient.Path,
            new Replay { Spec = new() { Verify = true, MaxDifferences = -1 } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("spec.maxDifferences", Assert.Single(status!.Details!.Causes!).Field);
    }

    [Fact]
    public async Task A_second_replay_of_the_same_store_is_refused_while_one_runs()
    {
        var dataSource = api.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var running = await ReplaySnapshot.OpenAsync(dataSource, api.Schema.Name, CancellationToken.None))
        {
            Assert.NotNull(running);
            var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ReplayClient.Path, new Replay { Spec = new() { Verify = true } });
            Assert.Equal((HttpStatusCode.Conflict, StatusReasons.Conflict), (code, status!.Reason));
            Assert.Contains("running already", status.Message);
        }

        Assert.True((await api.Client.ReplayAsync(new ReplaySpec())).Status!.EventsRead > 0);
    }

    private static long Rebuilt(ReplayStatus status, string kind) => status.Projections.Single(p => p.Kind == kind).Rebuilt;

    private Task<long> LiveRowsAsync(string table) => ReplayClient.ScalarAsync<long>($"select count(*) from {api.Schema.Name}.{table}");

    // Marten fills the sequence numbers of failed appends with tombstones; the replay reads them too.
    private Task<long> TombstonesAsync(long through) => ReplayClient.ScalarAsync<long>(
        $"select count(*) from {api.Schema.Name}.mt_events where type = 'tombstone' and seq_id <= {through}");
}
