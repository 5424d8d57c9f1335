using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.Tests.Support;

/// <summary>Webhook delivery to a local receiver (Kestrel on 127.0.0.1, answering 200 after checking each signature):
/// S subscriptions on a namespace of the benchmark's own, then ConfigMaps created one after another (the delay from a
/// write's answer to its delivery, per subscription), then a burst written P at a time (deliveries per second, from
/// the first write to the last delivery, and the delay under load), then the same burst written while the receiver holds
/// each subscription's first delivery, released once every write is answered: how fast the senders drain a backlog,
/// whatever the write rate. Every delivery's signature is checked, and its order within its subscription.</summary>
internal static class WebhookThroughput
{
    public static async Task RunAsync(HttpClient api, int deliveries, int subscriptions, int parallel)
    {
        var key = Encoding.UTF8.GetBytes($"bench-{Guid.NewGuid():N}");
        var arrivals = new ConcurrentDictionary<(string Subscription, string Name), long>();
        var lastSequence = new ConcurrentDictionary<string, long>();
        var (badSignatures, outOfOrder) = (0, 0);
        TaskCompletionSource? hold = null;
        await using var receiver = await WebhookReceiver.StartAsync(key);
        receiver.Respond = async (delivery, cancellationToken) =>
        {
            if (Volatile.Read(ref hold) is { } gate) await gate.Task.WaitAsync(cancellationToken);
            var now = Stopwatch.GetTimestamp();
            if (!delivery.SignatureValid) Interlocked.Increment(ref badSignatures);
            var subscription = delivery.Body["subscription"]!["name"]!.GetValue<string>();
            if (delivery.Sequence < lastSequence.GetValueOrDefault(subscription)) Interlocked.Increment(ref outOfOrder);
            lastSequence[subscription] = delivery.Sequence;
            arrivals.TryAdd((subscription, delivery.ObjectName), now);
            return 200;
        };

        var ns = $"hooks-{Guid.NewGuid():N}"[..14];
        (await api.PostAsJsonAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } }, KubeJson.Options)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/v1/namespaces/{ns}/secrets",
            new Secret { Metadata = new ObjectMeta { Name = "hook-key" }, Data = new() { ["key"] = key } }, KubeJson.Options)).EnsureSuccessStatusCode();
        var names = Enumerable.Range(0, subscriptions).Select(i => $"{ns}-{i}").ToList();
        foreach (var name in names)
        {
            (await api.PostAsJsonAsync("/apis/eventorch.io/v1/webhooksubscriptions", new WebhookSubscription
            {
                Metadata = new ObjectMeta { Name = name },
                Spec = new WebhookSubscriptionSpec
                {
                    Url = receiver.Url.ToString(),
                    SecretRef = new WebhookSecretReference { Namespace = ns, Name = "hook-key" },
                    Namespaces = [ns],
                    Kinds = ["ConfigMap"],
                    EventTypes = ["ConfigMapCreated"],
                    // The drain phase holds a delivery while the backlog is written.
                    TimeoutSeconds = 60,
                },
            }, KubeJson.Options)).EnsureSuccessStatusCode();
        }
        Console.WriteLine($"# {deliveries} ConfigMaps x {subscriptions} subscriptions, namespace {ns}, {Environment.ProcessorCount} cores");
        try
        {
            // 1. One write at a time: the delay of one delivery.
            var sequential = Math.Min(deliveries, 300);
            var answered = new Dictionary<string, long>();
            for (var i = 0; i < sequential; i++)
            {
                var name = $"seq-{i}";
                await CreateAsync(api, ns, name);
                answered[name] = Stopwatch.GetTimestamp();
            }
            await WaitForAsync(arrivals, names, answered.Keys);
            Report($"write answered -> delivered (sequential, {sequential})", Delays(arrivals, names, answered));

            // 2. A burst: throughput, and the delay under load.
            var burst = new ConcurrentDictionary<string, long>();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, deliveries - sequential), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
            {
                var name = $"par-{i}";
                await CreateAsync(api, ns, name);
                burst[name] = Stopwatch.GetTimestamp();
            });
            var writeSeconds = clock.Elapsed.TotalSeconds;
            await WaitForAsync(arrivals, names, burst.Keys);
            var total = (deliveries - sequential) * subscriptions;
            Console.WriteLine($"{deliveries - sequential} writes, {parallel} in parallel: {(deliveries - sequential) / writeSeconds:F0} writes/s; " +
                $"{total} deliveries in {clock.Elapsed.TotalSeconds:F2} s from the first write: {total / clock.Elapsed.TotalSeconds:F0} deliveries/s");
            Report($"write answered -> delivered ({parallel} writers)", Delays(arrivals, names, burst));

            // 3. A backlog: written while every subscription's first delivery is held, then drained.
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref hold, gate);
            var backlog = Enumerable.Range(0, deliveries - sequential).Select(i => $"drain-{i}").ToList();
            await Parallel.ForEachAsync(backlog, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (name, _) => await CreateAsync(api, ns, name));
            var released = Stopwatch.GetTimestamp();
            Volatile.Write(ref hold, null);
            gate.SetResult();
            await WaitForAsync(arrivals, names, backlog);
            var drained = names.SelectMany(s => backlog.Select(n => arrivals[(s, n)])).Max();
            var seconds = Stopwatch.GetElapsedTime(released, drained).TotalSeconds;
            Console.WriteLine($"backlog of {backlog.Count * subscriptions} deliveries drained in {seconds:F2} s: {backlog.Count * subscriptions / seconds:F0} deliveries/s " +
                "(a lower bound: the last events may still have been routed after the release)");
            Console.WriteLine($"signatures that did not verify: {badSignatures}; deliveries out of event order: {outOfOrder}");
        }
        finally
        {
            foreach (var name in names) await api.DeleteAsync($"/apis/eventorch.io/v1/webhooksubscriptions/{name}");
            await api.DeleteAsync($"/api/v1/namespaces/{ns}");
        }
    }

    private static async Task CreateAsync(HttpClient api, string ns, string name) =>
        (await api.PostAsJsonAsync($"/api/v1/namespaces/{ns}/configmaps",
            new ConfigMap { Metadata = new ObjectMeta { Name = name }, Data = new() { ["value"] = name } }, KubeJson.Options)).EnsureSuccessStatusCode();

    private static List<double> Delays(ConcurrentDictionary<(string, string), long> arrivals, List<string> subscriptions,
        IReadOnlyDictionary<string, long> answered) =>
        [.. subscriptions.SelectMany(s => answered.Select(a => Stopwatch.GetElapsedTime(a.Value, arrivals[(s, a.Key)]).TotalMilliseconds))];

    private static async Task WaitForAsync(ConcurrentDictionary<(string, string), long> arrivals, List<string> subscriptions, IEnumerable<string> names)
    {
        var expected = subscriptions.SelectMany(s => names.Select(n => (s, n))).ToList();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!expected.All(arrivals.ContainsKey))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{expected.Count(e => !arrivals.ContainsKey(e))} deliveries did not arrive");
            await Task.Delay(5);
        }
    }

    private static void Report(string what, List<double> values)
    {
        values.Sort();
        double P(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
        Console.WriteLine($"{what}: p50 {P(0.5):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {values[^1]:F1} ms");
    }
}
