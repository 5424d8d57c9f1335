using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EventOrch.Api.Webhooks.Delivery;

/// <summary>Reads and writes the delivery rows the router created: a subscription's queue in event order, the outcome of
/// each attempt, the dead letters and their redelivery.</summary>
public sealed class DeliveryQueue(NpgsqlDataSource db, IOptions<EventStoreOptions> store)
{
    private readonly string _table = WebhookStorage.QualifiedName(store.Value.Schema);

    public string Schema => store.Value.Schema;

    /// <summary>The first <paramref name="limit"/> waiting deliveries of a subscription, in event order.</summary>
    public async Task<IReadOnlyList<QueuedDelivery>> NextAsync(Guid subscription, int limit, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            select id, sequence, event_id, event_type, body, attempts, next_attempt_at from {_table}
            where subscription_uid = $1 and state = '{DeliveryStates.Pending}' order by sequence, id limit $2
            """);
        command.Parameters.Add(new() { Value = subscription });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<QueuedDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new QueuedDelivery(reader.GetGuid(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return rows;
    }

    /// <summary>Removes deliveries the receiver accepted.</summary>
    public async Task CompleteAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return;
        await using var command = db.CreateCommand($"delete from {_table} where id = any($1)");
        command.Parameters.Add(new() { Value = ids.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a failed attempt: the delivery is tried again at <paramref name="next"/>, or, when
    /// <paramref name="next"/> is null, it is dead.</summary>
    public async Task RecordFailureAsync(Guid id, int attempts, DateTimeOffset at, DateTimeOffset? next, int? statusCode, string error,
        CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            update {_table} set attempts = $2, last_attempt_at = $3, last_status_code = $4, last_error = $5,
                next_attempt_at = coalesce($6, next_attempt_at),
                state = case when $6 is null then '{DeliveryStates.DeadLettered}' else state end,
                dead_lettered_at = case when $6 is null then $3 else null end
            where id = $1 and state = '{DeliveryStates.Pending}'
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = attempts });
        command.Parameters.Add(new() { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)statusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = error });
        command.Parameters.Add(new() { Value = (object?)next ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many deliveries of a subscription wait, and how many are dead.</summary>
    public async Task<(long Pending, long DeadLetters)> CountsAsync(Guid subscription, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            select count(*) filter (where state = '{DeliveryStates.Pending}'), count(*) filter (where state = '{DeliveryStates.DeadLettered}')
            from {_table} where subscription_uid = $1
            """);
        command.Parameters.Add(new() { Value = subscription });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The subscriptions with deliveries waiting.</summary>
    public async Task<IReadOnlyList<Guid>> SubscriptionsWithPendingAsync(CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"select distinct subscription_uid from {_table} where state = '{DeliveryStates.Pending}'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var uids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken)) uids.Add(reader.GetGuid(0));
        return uids;
    }

    /// <summary>A page of a subscription's dead letters in event order, after (<paramref name="afterSequence"/>,
    /// <paramref name="afterId"/>); one more than <paramref name="limit"/> is read to know whether there are more.</summary>
    public async Task<(List<WebhookDeadLetter> Items, bool More)> DeadLettersAsync(Guid subscription, long afterSequence, Guid afterId, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            select id, sequence, event_type, object_kind, object_namespace, object_name, object_uid, attempts, created_at, last_attempt_at,
                dead_lettered_at, last_status_code, last_error
            from {_table} where subscription_uid = $1 and state = '{DeliveryStates.DeadLettered}' and (sequence, id) > ($2, $3)
            order by sequence, id limit $4
            """);
        command.Parameters.Add(new() { Value = subscription });
        command.Parameters.Add(new() { Value = afterSequence });
        command.Parameters.Add(new() { Value = afterId });
        command.Parameters.Add(new() { Value = limit == int.MaxValue ? int.MaxValue : limit + 1 });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<WebhookDeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new WebhookDeadLetter
            {
                Id = reader.GetGuid(0).ToString(),
                Sequence = reader.GetInt64(1),
                EventType = reader.GetString(2),
                Object = new WebhookObjectReference
                {
                    Kind = reader.GetString(3),
                    Namespace = reader.GetString(4) is { Length: > 0 } ns ? ns : null,
                    Name = reader.GetString(5),
                    Uid = reader.GetGuid(6).ToString(),
                },
                Attempts = reader.GetInt32(7),
                CreationTimestamp = reader.GetFieldValue<DateTimeOffset>(8),
                LastAttemptTime = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                DeadLetteredTime = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                LastStatusCode = reader.IsDBNull(11) ? null : reader.GetInt32(11),
                LastError = reader.IsDBNull(12) ? null : reader.GetString(12),
            });
        }
        var more = items.Count > limit;
        if (more) items.RemoveAt(items.Count - 1);
        return (items, more);
    }

    /// <summary>Which of <paramref name="ids"/> are not dead letters of the subscription.</summary>
    public async Task<IReadOnlyList<Guid>> MissingDeadLettersAsync(Guid subscription, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(
            $"select id from {_table} where subscription_uid = $1 and state = '{DeliveryStates.DeadLettered}' and id = any($2)");
        command.Parameters.Add(new() { Value = subscription });
        command.Parameters.Add(new() { Value = ids.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new HashSet<Guid>();
        while (await reader.ReadAsync(cancellationToken)) found.Add(reader.GetGuid(0));
        return [.. ids.Where(id => !found.Contains(id))];
    }

    /// <summary>Puts dead letters (those named, or all when <paramref name="ids"/> is null) back in the queue with no attempt
    /// counted, and wakes the dispatcher in the same transaction. The answer names those put back, in event order.</summary>
    public async Task<IReadOnlyList<Guid>> RedeliverAsync(Guid subscription, IReadOnlyCollection<Guid>? ids, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var redelivered = new List<(Guid Id, long Sequence)>();
        await using (var command = new NpgsqlCommand($"""
            update {_table} set state = '{DeliveryStates.Pending}', attempts = 0, next_attempt_at = $3, dead_lettered_at = null
            where subscription_uid = $1 and state = '{DeliveryStates.DeadLettered}' and ($2::uuid[] is null or id = any($2))
            returning id, sequence
            """, connection, transaction))
        {
            command.Parameters.Add(new() { Value = subscription });
            command.Parameters.Add(new() { Value = (object?)ids?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) redelivered.Add((reader.GetGuid(0), reader.GetInt64(1)));
        }
        if (redelivered.Count > 0)
        {
            await using var notify = new NpgsqlCommand("select pg_notify($1, $2)", connection, transaction);
            notify.Parameters.Add(new() { Value = WebhookStorage.Channel });
            notify.Parameters.Add(new() { Value = WakeUp.Payload(Schema, [subscription]) });
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return [.. redelivered.OrderBy(r => r.Sequence).ThenBy(r => r.Id).Select(r => r.Id)];
    }
}
