using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Webhooks.Delivery;

/// <summary>A subscription's status as its sender sees it, written through the store (a WebhookSubscriptionStatusChanged
/// event) at most once per Webhooks:StatusInterval: the first change after a quiet interval at once, the changes that
/// follow together at the end of the interval. The counts of waiting and dead deliveries are read when it is written.</summary>
public sealed partial class StatusReporter(Guid uid, string name, DispatchServices services, CancellationToken leading)
{
    public const string User = "system:webhook-dispatcher";

    private readonly Lock _lock = new();
    private readonly ILogger _logger = services.Loggers.CreateLogger<StatusReporter>();
    private WebhookSubscriptionStatus? _status;
    private Guid? _cause;
    private bool _dirty;
    private bool _flushing;
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;

    /// <summary>Starts from the stored status the first time (another Api instance may have been sending before).</summary>
    public void Initialize(WebhookSubscriptionStatus? stored)
    {
        lock (_lock) _status ??= stored ?? new WebhookSubscriptionStatus();
    }

    public void Delivered(QueuedDelivery delivery, AttemptResult result, DateTimeOffset at) => Change(delivery.EventId, status => status with
    {
        LastDelivery = new WebhookDeliveryOutcome { Time = at.ToWholeSeconds(), Sequence = delivery.Sequence, EventType = delivery.EventType, StatusCode = result.StatusCode },
        ConsecutiveFailures = 0,
        Conditions = WithRefusal(status.Conditions, null, at),
    });

    public void Failed(QueuedDelivery delivery, AttemptResult result, DateTimeOffset at, bool connected) => Change(delivery.EventId, status => status with
    {
        LastFailure = new WebhookDeliveryOutcome
        {
            Time = at.ToWholeSeconds(), Sequence = delivery.Sequence, EventType = delivery.EventType, StatusCode = result.StatusCode, Error = result.Error,
        },
        ConsecutiveFailures = (status.ConsecutiveFailures ?? 0) + 1,
        // A key that could not be read says nothing about the destination.
        Conditions = result.Refusal is not null || connected ? WithRefusal(status.Conditions, result, at) : status.Conditions,
    });

    /// <summary>Rows were removed or became dead letters: the counts are read again at the next write.</summary>
    public void Recount() => Change(null, status => status);

    private void Change(Guid? cause, Func<WebhookSubscriptionStatus, WebhookSubscriptionStatus> change)
    {
        lock (_lock)
        {
            _status = change(_status ?? new WebhookSubscriptionStatus());
            _cause = cause ?? _cause;
            _dirty = true;
            if (_flushing) return;
            _flushing = true;
            var wait = _lastWrite + services.Options.StatusInterval - services.Time.GetUtcNow();
            _ = Task.Run(() => FlushAfterAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero));
        }
    }

    private async Task FlushAfterAsync(TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero) await Task.Delay(wait, services.Time, leading);
            WebhookSubscriptionStatus status;
            Guid? cause;
            lock (_lock)
            {
                status = _status!;
                cause = _cause;
                _dirty = false;
            }
            var (pending, dead) = await services.Queue.CountsAsync(uid, leading);
            status = status with { Pending = pending, DeadLetters = dead };
            var context = new WriteContext(User, Guid.NewGuid().ToString(), cause?.ToString());
            // Written by name, so only onto this subscription: one deleted and created again under its name is another.
            var written = await services.Subscriptions.UpdateAsync("", name, context, current => current.Metadata.Uid == uid.ToString()
                ? current with { Status = status }
                : ApiErrors.NotFound(ResourceKind.WebhookSubscription, name), statusOnly: true, leading);
            if (!written.IsSuccess && written.Error!.Code != 404) LogWriteRefused(name, written.Error.Message ?? "");
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, name);
            lock (_lock) _dirty = true;
        }
        lock (_lock)
        {
            _lastWrite = services.Time.GetUtcNow();
            _flushing = false;
            if (!_dirty || leading.IsCancellationRequested) return;
            _flushing = true;
            _ = Task.Run(() => FlushAfterAsync(services.Options.StatusInterval));
        }
    }

    // DestinationRefused: True with the address class as the reason while attempts are refused, False once one gets past
    // the check; the transition time moves only when the status does.
    private static List<WebhookSubscriptionCondition> WithRefusal(List<WebhookSubscriptionCondition>? conditions, AttemptResult? result, DateTimeOffset at)
    {
        var refused = result?.Refusal is not null;
        var previous = conditions?.FirstOrDefault(c => c.Type == WebhookConditions.DestinationRefused);
        var status = refused ? "True" : "False";
        var condition = new WebhookSubscriptionCondition
        {
            Type = WebhookConditions.DestinationRefused,
            Status = status,
            LastTransitionTime = previous?.Status == status ? previous.LastTransitionTime : at.ToWholeSeconds(),
            Reason = refused ? result!.Refusal.ToString() : WebhookConditions.DestinationAllowed,
            Message = refused ? result!.Error : "the destination's address is allowed",
        };
        return [.. (conditions ?? []).Where(c => c.Type != WebhookConditions.DestinationRefused), condition];
    }

    [LoggerMessage(EventId = 720, Level = LogLevel.Warning, Message = "Writing the status of webhook subscription {Name} failed; trying again")]
    private partial void LogWriteFailed(Exception exception, string name);

    [LoggerMessage(EventId = 721, Level = LogLevel.Warning, Message = "The status of webhook subscription {Name} was refused: {Message}")]
    private partial void LogWriteRefused(string name, string message);
}
