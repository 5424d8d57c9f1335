using System.Diagnostics;
using EventOrch.Api.Replays;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

/// <summary>The replay's rebuild rate on a long record: fills an event store of its own (a PostgreSQL schema made for the
/// run and dropped after it) with a realistic cluster history written through Marten with the Api's inline projections,
/// then runs a verified replay over it with the Api's own <see cref="ReplayRunner"/> and reports what it measured.</summary>
internal static class ReplayThroughput
{
    public static async Task RunAsync(string root, int events, int podsPerTick, int pageSize, IReadOnlyList<int> readerCounts, int runs, string database, bool keep)
    {
        var password = File.ReadAllText(Path.Combine(root, ".eo/secrets/db-password")).Trim();
        var connectionString = $"Host=127.0.0.1;Port=5432;Database={database};Username=eventorch;Password={password}";
        var schema = $"bench_replay_{Guid.NewGuid():N}"[..21];
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString) { ConnectionStringBuilder = { MaxPoolSize = 10 } }.Build();
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var options = new StoreOptions();
        MartenSetup.Configure(options, dataSource, schema, loggers);
        using var store = new DocumentStore(options);
        Console.WriteLine($"# replay: {events:N0} events into schema {schema} of database {database}, {Environment.ProcessorCount} cores");
        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var history = new ClusterHistory(store, seed: 7);
            var fill = Stopwatch.StartNew();
            await history.SeedAsync(namespaces: 20, nodes: 50, deploymentsPerNamespace: 10, CancellationToken.None);
            var reported = 0L;
            while (history.Events < events)
            {
                await history.TickAsync(podsPerTick, CancellationToken.None);
                if (history.Events - reported >= 100_000)
                {
                    reported = history.Events;
                    Console.WriteLine($"  filled {history.Events:N0} events ({history.Events / fill.Elapsed.TotalSeconds:N0}/s)");
                }
            }
            Console.WriteLine($"fill: {history.Events:N0} events in {fill.Elapsed.TotalSeconds:F0} s ({history.Events / fill.Elapsed.TotalSeconds:N0} events/s, inline projections included)");
            await PrintSizesAsync(dataSource, schema);

            foreach (var readers in readerCounts)
            {
                var runner = new ReplayRunner(store, dataSource,
                    Options.Create(new EventStoreOptions { ConnectionString = connectionString, Schema = schema }),
                    Options.Create(new ReplayOptions { PageSize = pageSize, Readers = readers }),
                    TimeProvider.System, loggers, loggers.CreateLogger<ReplayRunner>());
                for (var run = 1; run <= runs; run++)
                {
                    var last = run == runs && readers == readerCounts[^1];
                    var before = Process.GetCurrentProcess().TotalProcessorTime;
                    var result = await runner.RunAsync(new Replay { Spec = new ReplaySpec { Verify = true, KeepSchema = keep && last } }, CancellationToken.None);
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
                    if (result.Error is { } error) throw new InvalidOperationException(error.Message);
                    var status = result.Value!.Status!;
                    Console.WriteLine($"replay run {run}: {status.EventsRead:N0} events (page size {pageSize}, {readers} readers) rebuilt in {status.RebuildSeconds:F1} s: {status.EventsPerSecond:N0} events/s");
                    Console.WriteLine($"  verify: {status.VerifySeconds:F1} s; equal: {status.Equal}; differences: {status.DifferenceCount}");
                    Console.WriteLine($"  whole replay: {status.DurationSeconds:F1} s; benchmark process CPU during it {cpu.TotalSeconds:F1} s; peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
                    if (run == 1 && readers == readerCounts[0])
                        foreach (var p in status.Projections.Where(p => p.Rebuilt > 0)) Console.WriteLine($"  {p.Table,-34} {p.Kind,-14} rebuilt {p.Rebuilt,10:N0}  live {p.Live,10:N0}");
                    foreach (var d in status.Differences.Take(20)) Console.WriteLine($"  DIFFERENCE {d.Type} {d.Kind} {d.Namespace}/{d.Name}: {string.Join(", ", d.Paths ?? [])}");
                    if (keep && last) Console.WriteLine($"kept replay schema {status.Schema}");
                }
            }
        }
        finally
        {
            if (!keep)
            {
                await using var drop = dataSource.CreateCommand($"drop schema if exists {schema} cascade");
                await drop.ExecuteNonQueryAsync();
                Console.WriteLine($"dropped schema {schema}");
            }
        }
    }

    private static async Task PrintSizesAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand($"""
            select c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = '{schema}' and c.relkind = 'r' and pg_total_relation_size(c.oid) > 1000000
            order by 3 desc
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Console.WriteLine($"  {reader.GetString(0),-34} ~{reader.GetInt64(1),10:N0} rows  {reader.GetInt64(2) / 1024 / 1024,6} MiB");
    }
}
