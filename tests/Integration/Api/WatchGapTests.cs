using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Npgsql;

namespace EventOrch.Tests.Integration.Api;

/// <summary>The watch cache and sequence numbers that commit out of order: a transaction holding a sequence number
/// below a committed event holds the watch back until it ends or times out, and one that commits after the cache gave up
/// on it reloads the cache.</summary>
public sealed class WatchGapTests(WatchGapTests.Fixture fixture) : IClassFixture<WatchGapTests.Fixture>
{
    public sealed class Fixture : ApiServer
    {
        protected override Dictionary<string, string?> Settings => new()
        {
            ["Watch:GapTimeout"] = "00:00:01",
            ["Watch:PollInterval"] = "00:00:00.200",
        };
    }

    private HttpClient Client => fixture.Client;

    // Takes a sequence number the way Marten does before an append, in a transaction left open.
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction, long Reserved)> ReserveAsync()
    {
        var connection = new NpgsqlConnection(Services.PostgresConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var next = new NpgsqlCommand($"select nextval('{fixture.Schema.Name}.mt_events_sequence')", connection, transaction);
        return (connection, transaction, (long)(await next.ExecuteScalarAsync())!);
    }

    private async Task<WatchClient> WatchPodsAsync(string @namespace)
    {
        var from = (await Client.ListPodsAsync(@namespace)).Metadata.ResourceVersion;
        return await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath(@namespace)}?watch=1&resourceVersion={from}");
    }

    private async Task<string> NamespaceAsync(string name)
    {
        await Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = name } });
        return name;
    }

    [Fact]
    public async Task An_event_after_an_open_sequence_number_is_held_until_the_number_is_given_up()
    {
        var ns = await NamespaceAsync("gap-held");
        await using var watch = await WatchPodsAsync(ns);
        var (connection, transaction, reserved) = await ReserveAsync();
        await using var _ = connection;

        var created = await Client.CreatePodAsync(ObjectClient.NewPod("after-hole"), ns);
        Assert.True(long.Parse(created.Metadata.ResourceVersion!) > reserved);
        var early = await watch.NothingWithinAsync(TimeSpan.FromMilliseconds(400));
        await transaction.RollbackAsync();
        var late = await watch.NextAsync();

        Assert.Null(early);
        Assert.Equal("ADDED after-hole", $"{late.Type} {late.Name}");
    }

    [Fact]
    public async Task A_sequence_number_that_commits_after_it_was_given_up_reloads_the_cache_and_ends_the_watches()
    {
        var ns = await NamespaceAsync("gap-late");
        var watch = await WatchPodsAsync(ns);
        var (connection, transaction, reserved) = await ReserveAsync();
        await using var _ = connection;
        var pod = await Client.CreatePodAsync(ObjectClient.NewPod("passed"), ns);
        var added = await watch.NextAsync();
        Assert.Equal("ADDED passed", $"{added.Type} {added.Name}");

        // The number commits after all (as a Marten tombstone in the pod's stream, so no projection is involved).
        await using (var insert = new NpgsqlCommand(
            $$"""
            insert into {{fixture.Schema.Name}}.mt_events (seq_id, id, stream_id, version, data, type, mt_dotnet_type, timestamp, tenant_id)
            values ($1, gen_random_uuid(), $2, 1000000, '{}', 'tombstone', 'JasperFx.Events.Tombstone, JasperFx.Events', now(), '*DEFAULT*')
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = reserved });
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(pod.Metadata.Uid!) });
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();

        Assert.Empty(await watch.ReadToEndAsync());
        await watch.DisposeAsync();
        await using var again = await WatchClient.OpenAsync(Client, $"{ObjectClient.PodsPath(ns)}?watch=1");
        var current = await again.NextAsync();
        Assert.Equal("ADDED passed", $"{current.Type} {current.Name}");
    }
}
