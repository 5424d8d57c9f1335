using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

/// <summary>One tenant's burst against another's steady requests. Two users are made with eoctl (each with the edit
/// role in a namespace of its own); the steady user lists ConfigMaps a few times a second, first alone, then while
/// the bursting user sends as fast as <c>--concurrency</c> loops allow, then while the administrator (exempt from the
/// limit) does the same: the steady user's latency in each phase, and how many of the burst were served and refused.</summary>
internal static class FairUse
{
    public static async Task RunAsync(HttpClient admin, string root, int seconds, int concurrency)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (burstUser, steadyUser) = ($"burst-{suffix}", $"steady-{suffix}");
        var burstClient = Client(admin, await TenantAsync(admin, root, burstUser));
        var steadyClient = Client(admin, await TenantAsync(admin, root, steadyUser));
        try
        {
            Console.WriteLine($"# fair use: {concurrency} loops of GETs for {seconds} s against a steady 10 requests a second, {Environment.ProcessorCount} cores");
            var alone = await SteadyAsync(steadyClient, steadyUser, TimeSpan.FromSeconds(seconds), CancellationToken.None);
            Report("steady tenant alone", alone, null);
            foreach (var (name, client, path) in new[]
                     {
                         ("steady tenant during a limited tenant's burst", burstClient, $"/api/v1/namespaces/{burstUser}/configmaps"),
                         ("steady tenant during an exempt admin's burst", admin, $"/api/v1/namespaces/{burstUser}/configmaps"),
                     })
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
                var burst = BurstAsync(client, path, concurrency, stop.Token);
                var steady = await SteadyAsync(steadyClient, steadyUser, TimeSpan.FromSeconds(seconds), CancellationToken.None);
                Report(name, steady, await burst);
            }
        }
        finally
        {
            await EoctlAsync(root, "users", "delete", burstUser);
            await EoctlAsync(root, "users", "delete", steadyUser);
            foreach (var user in new[] { burstUser, steadyUser }) (await admin.DeleteAsync($"/api/v1/namespaces/{user}")).Dispose();
        }
    }

    // A user with a token, and the edit role in a namespace named after it.
    private static async Task<string> TenantAsync(HttpClient admin, string root, string user)
    {
        (await admin.PostAsJsonAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = user } }, KubeJson.Options)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{user}/rolebindings", new
        {
            apiVersion = "rbac.authorization.k8s.io/v1",
            kind = "RoleBinding",
            metadata = new { name = "edit" },
            roleRef = new { apiGroup = "rbac.authorization.k8s.io", kind = "ClusterRole", name = "edit" },
            subjects = new[] { new { apiGroup = "rbac.authorization.k8s.io", kind = "User", name = user } },
        })).EnsureSuccessStatusCode();
        await EoctlAsync(root, "users", "create", user);
        return (await EoctlAsync(root, "tokens", "create", user, "--ttl", "1h")).Trim();
    }

    private static HttpClient Client(HttpClient admin, string token)
    {
        var client = new HttpClient { BaseAddress = admin.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<List<(double Ms, HttpStatusCode Code)>> SteadyAsync(HttpClient client, string ns, TimeSpan length, CancellationToken cancellationToken)
    {
        var answers = new List<(double, HttpStatusCode)>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < length)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync($"/api/v1/namespaces/{ns}/configmaps", cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            answers.Add((Stopwatch.GetElapsedTime(start).TotalMilliseconds, response.StatusCode));
            var next = TimeSpan.FromMilliseconds(100 * answers.Count) - clock.Elapsed;
            if (next > TimeSpan.Zero) await Task.Delay(next, cancellationToken);
        }
        return answers;
    }

    private static async Task<(int Served, int Refused, double Seconds)> BurstAsync(HttpClient client, string path, int concurrency, CancellationToken stop)
    {
        var codes = new ConcurrentBag<HttpStatusCode>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync(path, stop);
                    await response.Content.ReadAsByteArrayAsync(stop);
                    codes.Add(response.StatusCode);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            }
        }));
        return (codes.Count(c => c == HttpStatusCode.OK), codes.Count(c => c == HttpStatusCode.TooManyRequests), clock.Elapsed.TotalSeconds);
    }

    private static void Report(string name, List<(double Ms, HttpStatusCode Code)> steady, (int Served, int Refused, double Seconds)? burst)
    {
        var times = steady.Select(s => s.Ms).Order().ToList();
        var failed = steady.Count(s => s.Code != HttpStatusCode.OK);
        var line = $"{name,-48} {steady.Count} GETs, {failed} not OK: p50 {times[times.Count / 2]:F1} ms, p95 {times[(int)(times.Count * 0.95)]:F1} ms, max {times[^1]:F1} ms";
        if (burst is var (served, refused, seconds))
            line += $"; burst: {served / seconds:F0}/s served, {refused / seconds:F0}/s refused (429)";
        Console.WriteLine(line);
    }

    private static async Task<string> EoctlAsync(string root, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(root, ".eo/bin/eoctl")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"eoctl {string.Join(' ', arguments)}: {error}");
        return output;
    }
}
