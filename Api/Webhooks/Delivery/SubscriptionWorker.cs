using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Webhooks.Delivery;

/// <summary>Sends one subscription's deliveries, one at a time in event order: the head of its queue is tried until the
/// receiver accepts it or its attempts are used up (then it is a dead letter and the next one goes), waiting out the
/// back-off in between. Each subscription has its own worker, so a slow or dead receiver holds up only its own queue.
/// A worker runs while its queue has deliveries and stops when it is empty; <see cref="Wake"/> starts it again.</summary>
public sealed partial class SubscriptionWorker
{
    private const int BatchSize = 100;
    // Accepted deliveries are removed in groups: after a crash at most this many are sent again.
    private const int CompleteEvery = 50;

    private readonly Guid _uid;
    private readonly DispatchServices _services;
    private readonly CancellationToken _leading;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private StatusReporter? _reporter;
    private long _signals;
    private bool _running;
    private CancellationTokenSource? _nudge;
    private Task _run = Task.CompletedTask;

    public SubscriptionWorker(Guid uid, DispatchServices services, CancellationToken leading)
    {
        _uid = uid;
        _services = services;
        _leading = leading;
        _logger = services.Loggers.CreateLogger<SubscriptionWorker>();
    }

    /// <summary>The subscription is gone: its worker may be dropped.</summary>
    public bool IsGone { get; private set; }

    /// <summary>Says there may be work (new deliveries, redelivered dead letters): starts the worker, or makes a running one
    /// look at its queue again now, even in the middle of a back-off wait.</summary>
    public void Wake()
    {
        lock (_lock)
        {
            _signals++;
            _nudge?.Cancel();
            if (_running) return;
            _running = true;
            IsGone = false;
            _run = Task.Run(RunAsync);
        }
    }

    /// <summary>Waits for a running worker to stop (the dispatcher lost its lead or the host stops).</summary>
    public Task StoppedAsync() => _run;

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                long signals;
                lock (_lock) signals = _signals;
                var subscription = await LoadAsync();
                if (subscription is null)
                {
                    // Deleted: the router removed its deliveries with it.
                    lock (_lock)
                    {
                        IsGone = true;
                        _running = false;
                    }
                    return;
                }
                var reporter = Reporter(subscription);
                var queued = await _services.Queue.NextAsync(_uid, BatchSize, _leading);
                if (queued.Count == 0)
                {
                    lock (_lock)
                    {
                        // A wake that came while the queue was read may have brought rows it did not see.
                        if (signals != _signals) continue;
                        _running = false;
                        return;
                    }
                }
                var due = queued[0].NextAttemptAt - _services.Time.GetUtcNow();
                if (due > TimeSpan.Zero) await WaitAsync(due);
                else await SendAsync(subscription, reporter, queued);
            }
        }
        catch (OperationCanceledException) when (_leading.IsCancellationRequested)
        {
            lock (_lock) _running = false;
        }
        catch (Exception ex)
        {
            // The store is unreachable, say: the dispatcher's next look for work starts this worker again.
            LogFailed(ex, _uid);
            lock (_lock) _running = false;
        }
    }

    private async Task<WebhookSubscription?> LoadAsync()
    {
        await using var session = _services.Store.QuerySession();
        var record = await session.LoadAsync<ObjectRecord<WebhookSubscription>>(_uid, _leading);
        return record?.Object;
    }

    private StatusReporter Reporter(WebhookSubscription subscription)
    {
        if (_reporter is null)
        {
            _reporter = new StatusReporter(_uid, subscription.Metadata.Name!, _services, _leading);
            _reporter.Initialize(subscription.Status);
        }
        return _reporter;
    }

    // In order: each accepted delivery lets the next go; the first that fails waits out its back-off (or, its attempts used
    // up, becomes a dead letter and lets the next go).
    private async Task SendAsync(WebhookSubscription subscription, StatusReporter reporter, IReadOnlyList<QueuedDelivery> queued)
    {
        var accepted = new List<Guid>();
        try
        {
            foreach (var delivery in queued)
            {
                var now = _services.Time.GetUtcNow();
                if (delivery.NextAttemptAt > now) break;
                var (result, connected) = await AttemptAsync(subscription, delivery);
                var at = _services.Time.GetUtcNow();
                if (result.Accepted)
                {
                    reporter.Delivered(delivery, result, at);
                    accepted.Add(delivery.Id);
                    if (accepted.Count >= CompleteEvery) await CompleteAsync(accepted, _leading);
                    continue;
                }
                await CompleteAsync(accepted, _leading);
                var attempts = delivery.Attempts + 1;
                var dead = attempts >= (subscription.Spec.MaxAttempts ?? _services.Options.MaxAttempts);
                DateTimeOffset? next = dead ? null
                    : at + Backoff.Delay(attempts, _services.Options.InitialBackoff, _services.Options.MaxBackoff, _services.Random.NextDouble());
                await _services.Queue.RecordFailureAsync(delivery.Id, attempts, at, next, result.StatusCode, result.Error ?? "", _leading);
                reporter.Failed(delivery, result, at, connected);
                if (dead) LogDeadLettered(subscription.Metadata.Name!, delivery.Id, delivery.Sequence, attempts, result.Error ?? "");
                else
                {
                    LogAttemptFailed(subscription.Metadata.Name!, delivery.Id, attempts, result.Error ?? "");
                    break;
                }
            }
        }
        finally
        {
            // Accepted is accepted, even when the worker is being stopped.
            await CompleteAsync(accepted, CancellationToken.None);
            reporter.Recount();
        }
    }

    private async Task CompleteAsync(List<Guid> accepted, CancellationToken cancellationToken)
    {
        if (accepted.Count == 0) return;
        await _services.Queue.CompleteAsync(accepted, cancellationToken);
        accepted.Clear();
    }

    private async Task<(AttemptResult Result, bool Connected)> AttemptAsync(WebhookSubscription subscription, QueuedDelivery delivery)
    {
        var spec = subscription.Spec;
        if (!Uri.TryCreate(spec.Url, UriKind.Absolute, out var url)) return (AttemptResult.Failed($"spec.url {spec.Url} is not an absolute URL"), false);
        if (spec.SecretRef is null) return (AttemptResult.Failed("spec.secretRef is not set"), false);
        var key = await _services.Keys.GetAsync(spec.SecretRef, _leading);
        if (key.Value is null) return (AttemptResult.Failed(key.Error!), false);
        var timeout = TimeSpan.FromSeconds(spec.TimeoutSeconds ?? _services.Options.TimeoutSeconds);
        var result = await _services.Sender.SendAsync(url, delivery, subscription.Metadata.Name!, key.Value, timeout, _leading);
        return (result, result.Refusal is null);
    }

    // A back-off wait that a wake cuts short (a redelivery, say): the queue is read again either way.
    private async Task WaitAsync(TimeSpan due)
    {
        using var nudge = CancellationTokenSource.CreateLinkedTokenSource(_leading);
        lock (_lock) _nudge = nudge;
        try
        {
            await Task.Delay(due, _services.Time, nudge.Token);
        }
        catch (OperationCanceledException) when (!_leading.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_lock) _nudge = null;
        }
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Webhook {Subscription}: delivery {Delivery} failed on attempt {Attempt} ({Error}); backing off")]
    private partial void LogAttemptFailed(string subscription, Guid delivery, int attempt, string error);

    [LoggerMessage(EventId = 711, Level = LogLevel.Warning, Message = "Webhook {Subscription}: delivery {Delivery} (event {Sequence}) is a dead letter after {Attempts} attempts ({Error})")]
    private partial void LogDeadLettered(string subscription, Guid delivery, long sequence, int attempts, string error);

    [LoggerMessage(EventId = 712, Level = LogLevel.Warning, Message = "Webhook sender of subscription {Uid} stopped on an error; the dispatcher starts it again")]
    private partial void LogFailed(Exception exception, Guid uid);
}
