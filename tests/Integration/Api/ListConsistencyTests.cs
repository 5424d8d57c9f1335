using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Npgsql;

namespace EventOrch.Tests.Integration.Api;

/// <summary>A list's resourceVersion and sequence numbers that commit out of order: a write that took a number below the
/// list's and has not committed must end up in the list, or in a watch started from the list's resourceVersion; a
/// client that lists and then watches (an informer) otherwise never learns of it.</summary>
public sealed class ListConsistencyTests(ListConsistencyTests.Fixture fixture) : IClassFixture<ListConsistencyTests.Fixture>
{
    public sealed class Fixture : ApiServer
    {
        // Long enough that the cache never gives up on the held number while the test holds it.
        protected override Dictionary<string, string?> Settings => new() { ["Watch:GapTimeout"] = "00:00:20" };
    }

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task A_list_waits_for_a_write_still_committing_below_its_resourceVersion_so_list_then_watch_sees_it()
    {
        await Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = "held-list" } });
        var held = await Client.CreatePodAsync(ObjectClient.NewPod("held"), "held-list");

        // Lock the pod's row in its projection, so a patch of it takes its sequence number, appends its event and then
        // waits, uncommitted, to write the projection.
        await using var connection = new NpgsqlConnection(Services.PostgresConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"select 1 from {fixture.Schema.Name}.mt_doc_pods where id = $1 for update", connection, transaction))
        {
            lockRow.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(held.Metadata.Uid!) });
            await lockRow.ExecuteNonQueryAsync();
        }
        var committedBefore = long.Parse(held.Metadata.ResourceVersion!);
        var patch = Client.PatchPodAsync("held", new { metadata = new { labels = new { step = "patched" } } }, "held-list");
        var taken = await Eventually.WaitFor(LastTakenSequenceAsync, taken => taken > committedBefore, "the patch to take its sequence number");
        var after = await Client.CreatePodAsync(ObjectClient.NewPod("after"), "held-list");
        Assert.True(long.Parse(after.Metadata.ResourceVersion!) > taken);

        var list = Client.ListPodsAsync("held-list");
        var answeredWhileHeld = await Task.WhenAny(list, Task.Delay(TimeSpan.FromMilliseconds(500))) == list;
        await transaction.CommitAsync();
        await patch;
        var listed = await list;
        await Client.CreatePodAsync(ObjectClient.NewPod("marker"), "held-list");
        await using var watch = await WatchClient.OpenAsync(Client,
            $"{ObjectClient.PodsPath("held-list")}?watch=1&resourceVersion={listed.Metadata.ResourceVersion}");
        var changes = new List<WatchLine>();
        do changes.Add(await watch.NextAsync());
        while (changes[^1].Name != "marker");

        var labelInList = listed.Items.Single(p => p.Metadata.Name == "held").Metadata.Labels?.GetValueOrDefault("step");
        var labelInWatch = changes.LastOrDefault(c => c.Name == "held")?.Label("step");
        Assert.Equal("patched", labelInWatch ?? labelInList);
        Assert.False(answeredWhileHeld);
    }

    private async Task<long> LastTakenSequenceAsync()
    {
        await using var connection = new NpgsqlConnection(Services.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select last_value from {fixture.Schema.Name}.mt_events_sequence", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
