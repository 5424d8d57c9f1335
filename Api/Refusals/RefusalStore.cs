using EventOrch.Api.Storage;
using EventOrch.Contracts.Model.Audit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventOrch.Api.Refusals;

/// <summary>What the refusals log is searched by; null fields do not filter.</summary>
public sealed record RefusalFilter(string? User, string? Namespace, int? Code, DateTimeOffset? Since, DateTimeOffset? Until);

/// <summary>Reads and writes <c>eo_refusals</c>, shared by every Api instance.</summary>
public sealed class RefusalStore(NpgsqlDataSource db, IOptions<EventStoreOptions> store)
{
    private readonly string _table = RefusalTable.QualifiedName(store.Value.Schema);

    private const string Columns =
        "ts, code, reason, message, user_name, groups, verb, api_group, resource, subresource, namespace, name, method, path, request_id, source_address, user_agent";

    public async Task AddAsync(IReadOnlyList<Refusal> refusals, CancellationToken cancellationToken)
    {
        if (refusals.Count == 0) return;
        await using var batch = db.CreateBatch();
        foreach (var r in refusals)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = $"insert into {_table} ({Columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";
            object?[] values =
            [
                r.Time, r.Code, r.Reason, r.Message, r.User, r.Groups?.ToArray(), r.Verb, r.ApiGroup, r.Resource, r.Subresource,
                r.Namespace, r.Name, r.Method, r.Path, r.RequestId, r.SourceAddress, r.UserAgent,
            ];
            foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

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
