using System.Text.Json;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EventOrch.Api.Metrics;

/// <summary>Usage samples in UNLOGGED PostgreSQL tables beside the event store, shared by every Api instance: samples
/// are written often, read newest-first and worthless after a few minutes, so they skip the write-ahead log (a
/// crash of PostgreSQL empties them, which a metrics window may lose) and are pruned past the retention.
/// Freshness is judged by when the Api received a sample, on the Api's clock.</summary>
public sealed class MetricsStore(NpgsqlDataSource db, IOptions<EventStoreOptions> store, IOptions<MetricsOptions> options, TimeProvider time)
{
    private readonly string _schema = store.Value.Schema;
    private string Nodes => $"{_schema}.eo_node_usage";
    private string Pods => $"{_schema}.eo_pod_usage";
    private string Traffic => $"{_schema}.eo_pod_traffic";

    public async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            create schema if not exists {_schema};
            create unlogged table if not exists {Nodes} (
                node text not null, sampled_at timestamptz not null, received_at timestamptz not null,
                window_seconds double precision not null, cpu_nanocores bigint not null, memory_bytes bigint not null);
            create index if not exists eo_node_usage_newest on {Nodes} (node, received_at desc);
            create unlogged table if not exists {Pods} (
                namespace text not null, pod text not null, node text not null, sampled_at timestamptz not null,
                received_at timestamptz not null, window_seconds double precision not null, containers jsonb not null);
            create index if not exists eo_pod_usage_newest on {Pods} (namespace, pod, received_at desc);
            create unlogged table if not exists {Traffic} (
                proxy text not null, sampled_at timestamptz not null, received_at timestamptz not null,
                window_seconds double precision not null, namespace text not null, pod text not null, service text not null,
                requests bigint not null, errors bigint not null, latency_p95_seconds double precision);
            create index if not exists eo_pod_traffic_newest on {Traffic} (proxy, received_at desc);
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AddAsync(NodeUsageReport report, CancellationToken cancellationToken)
    {
        var received = time.GetUtcNow();
        await using var batch = db.CreateBatch();
        var nodes = batch.CreateBatchCommand();
        nodes.CommandText = $"""
            insert into {Nodes} (node, sampled_at, received_at, window_seconds, cpu_nanocores, memory_bytes)
            select n, s, $1, w, c, m from unnest($2::text[], $3::timestamptz[], $4::float8[], $5::bigint[], $6::bigint[]) as t(n, s, w, c, m)
            """;
        nodes.Parameters.Add(new NpgsqlParameter { Value = received });
        nodes.Parameters.Add(new NpgsqlParameter { Value = report.Nodes.Select(n => n.Name).ToArray() });
        nodes.Parameters.Add(new NpgsqlParameter { Value = report.Nodes.Select(n => n.Timestamp.ToUniversalTime()).ToArray() });
        nodes.Parameters.Add(new NpgsqlParameter { Value = report.Nodes.Select(n => n.WindowSeconds).ToArray() });
        nodes.Parameters.Add(new NpgsqlParameter { Value = report.Nodes.Select(n => n.CpuNanoCores).ToArray() });
        nodes.Parameters.Add(new NpgsqlParameter { Value = report.Nodes.Select(n => n.MemoryBytes).ToArray() });
        batch.BatchCommands.Add(nodes);

        var pods = report.Nodes.SelectMany(n => n.Pods.Select(p => (Node: n.Name, Pod: p))).ToList();
        if (pods.Count > 0)
        {
            var rows = batch.CreateBatchCommand();
            rows.CommandText = $"""
                insert into {Pods} (namespace, pod, node, sampled_at, received_at, window_seconds, containers)
                select ns, p, n, s, $1, w, c::jsonb
                from unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::float8[], $7::text[]) as t(ns, p, n, s, w, c)
                """;
            rows.Parameters.Add(new NpgsqlParameter { Value = received });
            rows.Parameters.Add(new NpgsqlParameter { Value = pods.Select(p => p.Pod.Namespace).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter { Value = pods.Select(p => p.Pod.Name).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter { Value = pods.Select(p => p.Node).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter { Value = pods.Select(p => p.Pod.Timestamp.ToUniversalTime()).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter { Value = pods.Select(p => p.Pod.WindowSeconds).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter { Value = pods.Select(p => JsonSerializer.Serialize(p.Pod.Containers, KubeJson.Options)).ToArray() });
            batch.BatchCommands.Add(rows);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AddAsync(ProxyTrafficReport report, CancellationToken cancellationToken)
    {
        // A report without pods still counts: it says this proxy forwarded nothing.
        var pods = report.Pods.Count > 0 ? report.Pods : [new PodTrafficSample()];
        await using var command = db.CreateCommand($"""
            insert into {Traffic} (proxy, sampled_at, received_at, window_seconds, namespace, pod, service, requests, errors, latency_p95_seconds)
            select $1, $2, $3, $4, ns, p, s, r, e, l
            from unnest($5::text[], $6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::float8[]) as t(ns, p, s, r, e, l)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = report.Proxy });
        command.Parameters.Add(new NpgsqlParameter { Value = report.Timestamp.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = report.WindowSeconds });
        command.Parameters.Add(new NpgsqlParameter { Value = pods.Select(p => p.Namespace).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = pods.Select(p => p.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = pods.Select(p => p.Service).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = pods.Select(p => p.Requests).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = pods.Select(p => p.Errors).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = pods.Select(p => p.LatencyP95Seconds).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double,
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The newest fresh sample of each pod (in one namespace, or all; of one name, or all).</summary>
    public async Task<IReadOnlyList<PodUsageRow>> PodsAsync(string? @namespace, string? name, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            select distinct on (namespace, pod) namespace, pod, sampled_at, window_seconds, containers::text from {Pods}
            where received_at > $1 and ($2::text is null or namespace = $2) and ($3::text is null or pod = $3)
            order by namespace, pod, received_at desc
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = FreshSince() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)@namespace ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PodUsageRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PodUsageRow(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetDouble(3),
                JsonSerializer.Deserialize<List<ContainerUsageSample>>(reader.GetString(4), KubeJson.Options) ?? []));
        }
        return rows;
    }

    /// <summary>The newest fresh sample of each node (of one name, or all).</summary>
    public async Task<IReadOnlyList<NodeUsageSample>> NodesAsync(string? name, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            select distinct on (node) node, sampled_at, window_seconds, cpu_nanocores, memory_bytes from {Nodes}
            where received_at > $1 and ($2::text is null or node = $2) order by node, received_at desc
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = FreshSince() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<NodeUsageSample>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new NodeUsageSample
            {
                Name = reader.GetString(0),
                Timestamp = reader.GetFieldValue<DateTimeOffset>(1),
                WindowSeconds = reader.GetDouble(2),
                CpuNanoCores = reader.GetInt64(3),
                MemoryBytes = reader.GetInt64(4),
            });
        }
        return rows;
    }

    /// <summary>Every row of each proxy's newest fresh report with traffic of <paramref name="namespace"/>.</summary>
    public async Task<IReadOnlyList<PodTrafficRow>> TrafficAsync(string @namespace, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            with newest as (
                select distinct on (proxy) proxy, sampled_at from {Traffic} where received_at > $1 order by proxy, received_at desc)
            select t.proxy, t.namespace, t.pod, t.service, t.sampled_at, t.window_seconds, t.requests, t.errors, t.latency_p95_seconds
            from {Traffic} t join newest n on t.proxy = n.proxy and t.sampled_at = n.sampled_at
            where t.namespace = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = FreshSince() });
        command.Parameters.Add(new NpgsqlParameter { Value = @namespace });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PodTrafficRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PodTrafficRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetDouble(5), reader.GetInt64(6), reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8)));
        }
        return rows;
    }

    /// <summary>Deletes samples received longer ago than the retention; how many rows went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.Retention;
        await using var batch = db.CreateBatch();
        foreach (var table in new[] { Nodes, Pods, Traffic })
        {
            var delete = batch.CreateBatchCommand();
            delete.CommandText = $"delete from {table} where received_at < $1";
            delete.Parameters.Add(new NpgsqlParameter { Value = before });
            batch.BatchCommands.Add(delete);
        }
        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private DateTimeOffset FreshSince() => time.GetUtcNow() - options.Value.MaxAge;
}

public sealed record PodUsageRow(string Namespace, string Pod, DateTimeOffset Timestamp, double WindowSeconds, List<ContainerUsageSample> Containers);

public sealed record PodTrafficRow(string Proxy, string Namespace, string Pod, string Service, DateTimeOffset Timestamp, double WindowSeconds,
    long Requests, long Errors, double? LatencyP95Seconds);
