// Measures the spine against the control plane that ./eo up started (loopback only):
// write latency and throughput, list latency, and the relay's delay from commit to a consumer.
// Usage: dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- [--pods N] [--parallel P]
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- startup [--pods 50]
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- scheduling [--pods 10000] [--nodes 1000] [--parallel 16]
//          (after ./eo up --hollow 1000)
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- failover [--runs 5] [--replicas 10]   (after ./eo up --nodes 2)
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- rollout [--runs 5] [--replicas 10]
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- storage [--runs 5]   (after ./eo up --nodes 2)
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- proxy [--seconds 10] [--concurrency 16]
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- watch [--pods 1000] [--watchers 10] [--parallel 16] [--via-dashboard]
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- asof [--events 10000] [--requests 200]
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- autoscale [--runs 5]
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- webhooks [--deliveries 2000] [--subscriptions 1] [--parallel 16]
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- replay [--events 1000000] [--pods-per-tick 500] [--page-size 5000] [--readers 2 | 1,2,3] [--runs 1]
//          (its own schema in PostgreSQL, no cluster needed; [--database eventorch] [--keep])
//        dotnet run -c Release --project benchmarks/EventOrch.Benchmarks -- fairuse [--seconds 10] [--concurrency 32]
//        Any of them takes --api URL and --token-file PATH to measure another Api than ./eo up's.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EventOrch.ClientRuntime.Bus;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var pods = Option("--pods", 1000);
var parallel = Option("--parallel", 16);
var root = FindRoot();
if (args.Contains("replay"))
{
    await ReplayThroughput.RunAsync(root, Option("--events", 1_000_000), Option("--pods-per-tick", 500), Option("--page-size", 5000),
        [.. TextOption("--readers", "2").Split(',').Select(int.Parse)], Option("--runs", 1), TextOption("--database", "eventorch"), args.Contains("--keep"));
    return;
}
var api = new HttpClient { BaseAddress = new Uri(TextOption("--api", "http://127.0.0.1:8080")) };
api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
    File.ReadAllText(TextOption("--token-file", Path.Combine(root, ".eo/tokens/admin.token"))).Trim());
if (args.Contains("watch"))
{
    await WatchLatency.RunAsync(api, Option("--pods", 1000), Option("--watchers", 10), parallel, args.Contains("--via-dashboard"));
    return;
}
if (args.Contains("autoscale"))
{
    await AutoscaleReaction.RunAsync(api, Option("--runs", 5));
    return;
}
if (args.Contains("asof"))
{
    await AsOfLatency.RunAsync(api, Option("--events", 10_000), Option("--requests", 200));
    return;
}
if (args.Contains("webhooks"))
{
    await WebhookThroughput.RunAsync(api, Option("--deliveries", 2000), Option("--subscriptions", 1), parallel);
    return;
}
if (args.Contains("startup"))
{
    await PodStartup.RunAsync(api, Option("--pods", 50));
    return;
}
if (args.Contains("failover"))
{
    await Failover.RunAsync(api, root, Option("--runs", 5), Option("--replicas", 10));
    return;
}
if (args.Contains("proxy"))
{
    await ProxyThroughput.RunAsync(api, Option("--seconds", 10), Option("--concurrency", 16));
    return;
}
if (args.Contains("storage"))
{
    await StorageTimes.RunAsync(api, Option("--runs", 5));
    return;
}
if (args.Contains("rollout"))
{
    await Rollout.RunAsync(api, Option("--runs", 5), Option("--replicas", 10));
    return;
}
if (args.Contains("fairuse"))
{
    await FairUse.RunAsync(api, root, Option("--seconds", 10), Option("--concurrency", 32));
    return;
}
if (args.Contains("scheduling"))
{
    await SchedulingThroughput.RunAsync(api, Option("--pods", 10_000), Option("--nodes", 1000), parallel);
    return;
}
var ns = $"bench-{Guid.NewGuid():N}"[..14];
(await api.PostAsJsonAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } }, KubeJson.Options)).EnsureSuccessStatusCode();

// A consumer on its own queue, as a component would have, records when each PodCreated arrives.
var arrivals = new ConcurrentDictionary<string, long>();
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Bus:VirtualHost"] = "eventorch",
    ["Bus:Username"] = "eventorch",
    ["Bus:Password"] = File.ReadAllText(Path.Combine(root, ".eo/secrets/rabbitmq-password")).Trim(),
});
builder.Services.AddSingleton(arrivals);
builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
var queue = $"bench-{Guid.NewGuid():N}";
builder.AddEventOrchBus(x => x.AddConsumer<ArrivalConsumer>(), (context, cfg) => cfg.ReceiveEndpoint(queue, e =>
{
    e.ConcurrentMessageLimit = 1;
    e.AutoDelete = true;
    e.Durable = false;
    e.ConfigureConsumers(context);
}));
using var bus = builder.Build();
await bus.StartAsync();

Console.WriteLine($"# {pods} pods, namespace {ns}, {Environment.ProcessorCount} cores");

// 1. Sequential creates: latency of one write, and the relay's delay after each commit.
var sequential = Math.Min(pods, 300);
var latencies = new List<double>();
var committedAt = new Dictionary<string, long>();
for (var i = 0; i < sequential; i++)
{
    var start = Stopwatch.GetTimestamp();
    var created = await Create($"seq-{i}");
    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    committedAt[created.Metadata.Uid!] = Stopwatch.GetTimestamp();
}
await WaitForArrivals(committedAt.Keys);
var delays = committedAt.Select(c => Stopwatch.GetElapsedTime(c.Value, arrivals[c.Key]).TotalMilliseconds).ToList();
Report($"create, sequential ({sequential})", latencies, "ms");
Report("relay: commit -> consumer", delays, "ms");

// 2. Concurrent creates: throughput.
var concurrent = pods - sequential;
var clock = Stopwatch.StartNew();
var uids = new ConcurrentBag<string>();
await Parallel.ForEachAsync(Enumerable.Range(0, concurrent), new ParallelOptions { MaxDegreeOfParallelism = parallel },
    async (i, _) => uids.Add((await Create($"par-{i}")).Metadata.Uid!));
var writeSeconds = clock.Elapsed.TotalSeconds;
await WaitForArrivals(uids);
Console.WriteLine($"create, {parallel} in parallel ({concurrent}): {concurrent / writeSeconds:F0} writes/s; all on the bus after {clock.Elapsed.TotalSeconds:F2} s");

// 3. Lists.
var lists = new List<double>();
for (var i = 0; i < 10; i++)
{
    var start = Stopwatch.GetTimestamp();
    var list = await api.GetFromJsonAsync<ObjectList<Pod>>($"/api/v1/namespaces/{ns}/pods", KubeJson.Options);
    lists.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    if (list!.Items.Count != pods) throw new InvalidOperationException($"listed {list.Items.Count} of {pods}");
}
Report($"list {pods} pods", lists, "ms");
var selected = new List<double>();
for (var i = 0; i < 10; i++)
{
    var start = Stopwatch.GetTimestamp();
    await api.GetFromJsonAsync<ObjectList<Pod>>($"/api/v1/namespaces/{ns}/pods?labelSelector=bench%3Done&limit=50", KubeJson.Options);
    selected.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
}
Report("list with a selector and limit=50", selected, "ms");

Console.WriteLine($"events received out of commit order: {ArrivalConsumer.OutOfOrder}");
var apiPid = int.Parse(File.ReadAllText(Path.Combine(root, ".eo/run/api.pid")).Trim());
Console.WriteLine($"Api resident memory: {Process.GetProcessById(apiPid).WorkingSet64 / 1024 / 1024} MiB");

(await api.DeleteAsync($"/api/v1/namespaces/{ns}")).EnsureSuccessStatusCode();
await bus.StopAsync();
return;

async Task<Pod> Create(string name)
{
    var pod = new Pod
    {
        Metadata = new ObjectMeta { Name = name, Labels = new() { ["bench"] = name.EndsWith('1') ? "one" : "other" } },
        Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest", Resources = new() { Requests = new() { ["cpu"] = "10m" } } }] },
    };
    var response = await api.PostAsJsonAsync($"/api/v1/namespaces/{ns}/pods", pod, KubeJson.Options);
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<Pod>(KubeJson.Options))!;
}

async Task WaitForArrivals(IEnumerable<string> expected)
{
    var deadline = DateTime.UtcNow.AddMinutes(2);
    var keys = expected.ToList();
    while (!keys.All(arrivals.ContainsKey))
    {
        if (DateTime.UtcNow > deadline) throw new TimeoutException("events did not arrive on the bus");
        await Task.Delay(5);
    }
}

static void Report(string what, List<double> values, string unit)
{
    values.Sort();
    double P(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
    Console.WriteLine($"{what}: p50 {P(0.5):F1} {unit}, p95 {P(0.95):F1} {unit}, p99 {P(0.99):F1} {unit}, max {values[^1]:F1} {unit}");
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}

string TextOption(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "EventOrch.sln"))) return dir.FullName;
    throw new InvalidOperationException("run from inside the repository");
}

sealed class ArrivalConsumer(ConcurrentDictionary<string, long> arrivals) : IConsumer<PodCreated>
{
    public static long LastSequence, OutOfOrder;

    public Task Consume(ConsumeContext<PodCreated> context)
    {
        arrivals.TryAdd(context.Message.Uid, Stopwatch.GetTimestamp());
        var sequence = long.Parse(context.Headers.Get<string>(EventHeaders.Sequence)!);
        if (sequence < LastSequence) OutOfOrder++;
        LastSequence = sequence;
        return Task.CompletedTask;
    }
}
