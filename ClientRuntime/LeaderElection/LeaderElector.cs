using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventOrch.ClientRuntime.LeaderElection;

/// <summary>Elects one active instance among several, through a Lease in kube-system written through the Api
/// with optimistic concurrency: the holder renews it; a standby takes it once it has expired. While this
/// instance leads, <see cref="LeadingToken"/> is live; it is cancelled the moment leadership is lost.</summary>
public sealed partial class LeaderElector(
    KubeApiClient api,
    IOptions<LeaderElectionOptions> options,
    TimeProvider time,
    ILogger<LeaderElector> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private CancellationTokenSource _leading = CancelledSource();
    private TaskCompletionSource _becameLeader = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Lease? _lease;

    public string Identity => options.Value.Identity;
    public bool IsLeader { get; private set; }

    /// <summary>Live while this instance leads.</summary>
    public CancellationToken LeadingToken
    {
        get { lock (_lock) return _leading.Token; }
    }

    /// <summary>Completes when this instance next becomes the leader.</summary>
    public Task WaitForLeadershipAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return _becameLeader.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            Gain();
            return;
        }
        using var timer = new PeriodicTimer(o.RetryPeriod, time);
        try
        {
            do
            {
                bool holds;
                try
                {
                    holds = await TryAcquireOrRenewAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ApiRetry.IsTransient(ex))
                {
                    LogElectionFailed(ex, o.LeaseName);
                    // A leader that cannot renew steps down before its lease can expire under someone else.
                    holds = IsLeader && _lease?.Spec.RenewTime is { } renewed && time.GetUtcNow() - renewed < o.LeaseDuration / 2;
                }
                if (holds && !IsLeader) Gain();
                else if (!holds && IsLeader) Lose();
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            if (IsLeader)
            {
                Lose();
                await ReleaseAsync();
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var current = await api.GetAsync<Lease>(ResourceKind.Lease, SystemNamespaces.KubeSystem, o.LeaseName, cancellationToken);
        if (current is null)
        {
            try
            {
                _lease = await api.CreateAsync(ResourceKind.Lease, new Lease
                {
                    Metadata = new ObjectMeta { Name = o.LeaseName, Namespace = SystemNamespaces.KubeSystem },
                    Spec = new LeaseSpec
                    {
                        HolderIdentity = o.Identity,
                        LeaseDurationSeconds = (int)Math.Ceiling(o.LeaseDuration.TotalSeconds),
                        AcquireTime = now,
                        RenewTime = now,
                        LeaseTransitions = 0,
                    },
                }, cancellationToken);
                return true;
            }
            catch (ApiException ex) when (ex.IsConflict)
            {
                return false;
            }
        }

        var held = current.Spec.HolderIdentity == o.Identity;
        var expired = current.Spec.RenewTime is not { } renew
            || now - renew > TimeSpan.FromSeconds(current.Spec.LeaseDurationSeconds ?? (int)o.LeaseDuration.TotalSeconds)
            || string.IsNullOrEmpty(current.Spec.HolderIdentity);
        if (!held && !expired)
        {
            _lease = current;
            return false;
        }
        var spec = current.Spec with
        {
            HolderIdentity = o.Identity,
            LeaseDurationSeconds = (int)Math.Ceiling(o.LeaseDuration.TotalSeconds),
            RenewTime = now,
            AcquireTime = held ? current.Spec.AcquireTime : now,
            LeaseTransitions = held ? current.Spec.LeaseTransitions : (current.Spec.LeaseTransitions ?? 0) + 1,
        };
        try
        {
            // The resourceVersion read above makes this conditional: of two standbys, one wins.
            _lease = await api.ReplaceAsync(ResourceKind.Lease, current with { Spec = spec }, cancellationToken);
            return true;
        }
        catch (ApiException ex) when (ex.IsConflict)
        {
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        if (_lease is null) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await api.ReplaceAsync(ResourceKind.Lease, _lease with { Spec = _lease.Spec with { HolderIdentity = null, RenewTime = null } }, timeout.Token);
        }
        catch (Exception ex) when (ApiRetry.IsTransient(ex) || ex is OperationCanceledException)
        {
            // The lease then expires on its own.
        }
    }

    private void Gain()
    {
        lock (_lock)
        {
            _leading = new CancellationTokenSource();
            IsLeader = true;
            _becameLeader.TrySetResult();
        }
        LogLeading(options.Value.LeaseName, Identity);
    }

    // The wait for the next leadership is in place before the leading token is cancelled, and the cancel runs
    // outside the lock: its callbacks run on this thread, and a loop that went straight back to
    // WaitForLeadershipAsync would otherwise find the old, completed wait and spin.
    private void Lose()
    {
        CancellationTokenSource leading;
        lock (_lock)
        {
            IsLeader = false;
            leading = _leading;
            _becameLeader = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        leading.Cancel();
        LogLost(options.Value.LeaseName, Identity);
    }

    private static CancellationTokenSource CancelledSource()
    {
        var source = new CancellationTokenSource();
        source.Cancel();
        return source;
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Leading {Lease} as {Identity}")]
    private partial void LogLeading(string lease, string identity);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Lost leadership of {Lease} ({Identity})")]
    private partial void LogLost(string lease, string identity);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Leader election on {Lease} failed this round")]
    private partial void LogElectionFailed(Exception exception, string lease);
}
