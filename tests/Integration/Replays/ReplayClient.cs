using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Npgsql;

namespace EventOrch.Tests.Integration.Replays;

/// <summary>Runs replays through the Api and looks at the store underneath, as the replay tests need.</summary>
internal static class ReplayClient
{
    public const string Path = "/apis/eventorch.io/v1/replays";

    public static async Task<Replay> ReplayAsync(this HttpClient client, ReplaySpec spec)
    {
        var (code, replay, response) = await client.SendAsync<Replay>(HttpMethod.Post, Path, new Replay { Spec = spec });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return replay!;
    }

    public static async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Services.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public static async Task<bool> SchemaExistsAsync(string schema) =>
        await ScalarAsync<long>("select count(*) from pg_namespace where nspname = @name", ("name", schema)) == 1;

    public static async Task<long> NewestSequenceAsync(string schema) =>
        await ScalarAsync<long>($"select coalesce(max(seq_id), 0) from {schema}.mt_events");
}
