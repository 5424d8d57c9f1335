using System.Collections.Concurrent;
using System.Net.Sockets;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Runtime;

namespace EventOrch.NodeAgent.Pods;

/// <summary>Runs a container's startup, liveness and readiness probes (httpGet, tcpSocket, exec) on their own
/// timing, as the sync loop passes by, and keeps Kubernetes' success and failure thresholds.</summary>
public sealed class Prober(IContainerRuntime runtime, IHttpClientFactory http, TimeProvider time)
{
    public enum Kind { Startup, Liveness, Readiness }

    private sealed class State
    {
        public DateTimeOffset LastRun;
        public int Successes;
        public int Failures;
        public bool? Result;
    }

    private readonly ConcurrentDictionary<(string ContainerId, Kind Kind), State> _states = new();

    /// <summary>The outcome for a running container: whether it is started, live and ready.</summary>
    public sealed record Outcome(bool Started, bool Live, bool Ready, string? Message);

    public async Task<Outcome> ProbeAsync(string containerId, Container spec, DateTimeOffset startedAt,
        Func<int, int?> hostPortOf, string address, CancellationToken cancellationToken)
    {
        var started = spec.StartupProbe is null || await RunAsync(containerId, Kind.Startup, spec.StartupProbe, startedAt, hostPortOf, address, spec, cancellationToken) == true;
        if (!started)
        {
            var failed = Failed(containerId, Kind.Startup, spec.StartupProbe!);
            return new Outcome(false, !failed, false, failed ? "Startup probe failed" : null);
        }
        var live = spec.LivenessProbe is null || await RunAsync(containerId, Kind.Liveness, spec.LivenessProbe, startedAt, hostPortOf, address, spec, cancellationToken) != false
            || !Failed(containerId, Kind.Liveness, spec.LivenessProbe);
        var ready = spec.ReadinessProbe is null || await RunAsync(containerId, Kind.Readiness, spec.ReadinessProbe, startedAt, hostPortOf, address, spec, cancellationToken) == true;
        return new Outcome(true, live, ready, live ? null : "Liveness probe failed");
    }

    /// <summary>Forgets the probe state of containers that no longer exist.</summary>
    public void Forget(IReadOnlySet<string> liveContainerIds)
    {
        foreach (var key in _states.Keys.Where(k => !liveContainerIds.Contains(k.ContainerId)).ToList()) _states.TryRemove(key, out _);
    }

    private bool Failed(string containerId, Kind kind, Probe probe) =>
        _states.TryGetValue((containerId, kind), out var s) && s.Failures >= (probe.FailureThreshold ?? 3);

    // Runs the probe when due and returns the thresholded result (null until the first decision).
    private async Task<bool?> RunAsync(string containerId, Kind kind, Probe probe, DateTimeOffset startedAt,
        Func<int, int?> hostPortOf, string address, Container spec, CancellationToken cancellationToken)
    {
        var state = _states.GetOrAdd((containerId, kind), _ => new State());
        var now = time.GetUtcNow();
        if (now < startedAt.AddSeconds(probe.InitialDelaySeconds ?? 0)) return kind == Kind.Liveness ? null : false;
        if (now - state.LastRun < TimeSpan.FromSeconds(probe.PeriodSeconds ?? 10)) return state.Result;
        state.LastRun = now;
        var ok = await CheckAsync(containerId, probe, hostPortOf, address, spec, cancellationToken);
        if (ok)
        {
            state.Successes++;
            state.Failures = 0;
            if (state.Successes >= (kind == Kind.Readiness ? probe.SuccessThreshold ?? 1 : 1)) state.Result = true;
        }
        else
        {
            state.Failures++;
            state.Successes = 0;
            if (state.Failures >= (probe.FailureThreshold ?? 3)) state.Result = false;
        }
        return state.Result;
    }

    private async Task<bool> CheckAsync(string containerId, Probe probe, Func<int, int?> hostPortOf, string address, Container spec,
        CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(probe.TimeoutSeconds ?? 1);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            if (probe.Exec?.Command is { Count: > 0 } command)
            {
                var result = await runtime.ExecAsync(containerId, command, timeout, cts.Token);
                return !result.TimedOut && result.ExitCode == 0;
            }
            if (probe.HttpGet is { } get)
            {
                if (PortNumber(get.Port, spec) is not { } port || hostPortOf(port) is not { } hostPort) return false;
                var scheme = (get.Scheme ?? "HTTP").ToLowerInvariant();
                var path = string.IsNullOrEmpty(get.Path) ? "/" : get.Path;
                using var response = await http.CreateClient("probes").GetAsync($"{scheme}://{address}:{hostPort}{path}", cts.Token);
                return (int)response.StatusCode is >= 200 and < 400;
            }
            if (probe.TcpSocket is { } tcp)
            {
                if (PortNumber(tcp.Port, spec) is not { } port || hostPortOf(port) is not { } hostPort) return false;
                using var client = new TcpClient();
                await client.ConnectAsync(address, hostPort, cts.Token);
                return true;
            }
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A probe's port: a number, or the name of one of the container's ports.</summary>
    public static int? PortNumber(IntOrString port, Container spec) =>
        port.IntValue ?? spec.Ports?.FirstOrDefault(p => p.Name == port.StringValue)?.Number;
}
