using EventOrch.Api.Storage;
using EventOrch.Contracts.Model.Audit;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EventOrch.Api.Refusals;

/// <summary>What the refusals log is searched by; null fields do not filter.</summary>
public sealed record RefusalFilter(string? User, string? Namespace, int? Code, DateTimeOffset? Since, DateTimeOffset? Until);

/// <summary>Reads and writes <c>eo_refusals</c>, shared by every Api instance.</summary>
public sealed class RefusalStore(NpgsqlDataSource db, IOptions<EventStoreOptions> store)
{
    private readonly string _table = RefusalTable.QualifiedName(store.Value.Schema);

    private const string Columns =
        "ts, code, reason, message, user_name, groups, verb, api_group, resource, subresource, namespace, name, method, path, request_id, source_address, user_agent";

    /// <summary>Writes a batch with one COPY: a flood of refusals (a tenant hammering past its rate limit) costs
    /// PostgreSQL a stream of rows, not a statement each.</summary>
    public async Task AddAsync(IReadOnlyList<Refusal> refusals, CancellationToken cancellationToken)
    {
        if (refusals.Count == 0) return;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync($"copy {_table} ({Columns}) from stdin (format binary)", cancellationToken);
        foreach (var r in refusals)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(r.Time, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(r.Code, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(r.Reason, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.Message, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.User, NpgsqlDbType.Text, cancellationToken);
            if (r.Groups is { } groups) await copy.WriteAsync(groups.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            else await copy.WriteNullAsync(cancellationToken);
            await copy.WriteAsync(r.Verb, NpgsqlDbType.Text, cancellationToken);
            foreach (var text in new[] { r.ApiGroup, r.Resource, r.Subresource, r.Namespace, r.Name }) await TextAsync(copy, text, cancellationToken);
            await copy.WriteAsync(r.Method, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.Path, NpgsqlDbType.Text, cancellationToken);
            foreach (var text in new[] { r.RequestId, r.SourceAddress, r.UserAgent }) await TextAsync(copy, text, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static Task TextAsync(NpgsqlBinaryImporter copy, string? text, CancellationToken cancellationToken) =>
        text is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> refusals after id <paramref name="after"/>, oldest first, and whether more match.</summary>
    public async Task<(IReadOnlyList<Refusal> Items, bool More)> SearchAsync(RefusalFilter filter, long after, int limit, CancellationToken cancellationToken)
    {
        var conditions = new List<string> { "id > $1" };
        var parameters = new List<object> { after };
        void Add(string column, string op, object? value)
        {
            if (value is null) return;
            parameters.Add(value);
            conditions.Add($"{column} {op} ${parameters.Count}");
        }
        Add("user_name", "=", filter.User);
        Add("namespace", "=", filter.Namespace);
        Add("code", "=", filter.Code);
        Add("ts", ">=", filter.Since);
        Add("ts", "<", filter.Until);
        parameters.Add(limit + 1);

        await using var command = db.CreateCommand(
            $"select id, {Columns} from {_table} where {string.Join(" and ", conditions)} order by id limit ${parameters.Count}");
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var items = new List<Refusal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            items.Add(new Refusal
            {
                Id = reader.GetInt64(0),
                Time = reader.GetFieldValue<DateTimeOffset>(1),
                Code = reader.GetInt32(2),
                Reason = reader.GetString(3),
                Message = reader.GetString(4),
                User = reader.GetString(5),
                Groups = reader.IsDBNull(6) ? null : [.. reader.GetFieldValue<string[]>(6)],
                Verb = reader.GetString(7),
                ApiGroup = Text(8),
                Resource = Text(9),
                Subresource = Text(10),
                Namespace = Text(11),
                Name = Text(12),
                Method = reader.GetString(13),
                Path = reader.GetString(14),
                RequestId = Text(15),
                SourceAddress = Text(16),
                UserAgent = Text(17),
            });
        }
        var more = items.Count > limit;
        return (more ? items[..limit] : items, more);
    }

    /// <summary>Deletes refusals older than <paramref name="before"/>; how many went.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"delete from {_table} where ts < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = before });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
