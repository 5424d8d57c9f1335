using System.Security.Cryptography;
using System.Text;
using EventOrch.Api.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventOrch.Api.Webhooks.Delivery;

/// <summary>Sends the deliveries the router queued, on one Api instance at a time: the one holding a PostgreSQL advisory
/// lock (one per store schema) on a connection of its own. That connection also LISTENs for the router's wake-ups; when
/// it breaks, the lock is gone, and every sender of this instance stops before another instance can take over. A standby
/// tries to take the lock every Webhooks:PollInterval.</summary>
public sealed partial class WebhookDispatcher(
    DispatchServices services,
    IOptions<EventStoreOptions> store,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly long _lockKey = LockKey(store.Value.Schema);
    private readonly Dictionary<Guid, SubscriptionWorker> _workers = [];
    private readonly Lock _lock = new();

    /// <summary>Whether this instance is the one sending (for tests and diagnostics).</summary>
    public bool IsLeading { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = services.Options.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Not pooled: closing it must end the session, and with it the lock.
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(store.Value.ConnectionString)
                {
                    Pooling = false,
                    KeepAlive = 10,
                    ApplicationName = "eventorch-webhook-dispatcher",
                }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                if (await TryLockAsync(connection, stoppingToken)) await LeadAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLost(ex);
            }
            await Task.Delay(retry, services.Time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new() { Value = _lockKey });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task LeadAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        void OnNotification(object? sender, NpgsqlNotificationEventArgs e)
        {
            if (e.Channel != WebhookStorage.Channel) return;
            var named = WakeUp.Parse(e.Payload, store.Value.Schema);
            if (named is null) _ = ScanAsync(leading.Token);
            else foreach (var uid in named) Wake(uid, leading.Token);
        }
        connection.Notification += OnNotification;
        IsLeading = true;
        LogLeading(store.Value.Schema);
        try
        {
            await using (var listen = new NpgsqlCommand($"LISTEN {WebhookStorage.Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
            await ScanAsync(leading.Token);
            var nextScan = services.Time.GetUtcNow() + services.Options.PollInterval;
            while (true)
            {
                // Every poll interval, busy or not: make sure the connection (and so the lock) is still there, and look for
                // work a lost notification, or a sender stopped by an error, left behind.
                var wait = nextScan - services.Time.GetUtcNow();
                if (wait > TimeSpan.Zero && await connection.WaitAsync(wait, stoppingToken)) continue;
                await using (var ping = new NpgsqlCommand("select 1", connection)) await ping.ExecuteScalarAsync(stoppingToken);
                await ScanAsync(leading.Token);
                nextScan = services.Time.GetUtcNow() + services.Options.PollInterval;
            }
        }
        finally
        {
            IsLeading = false;
            connection.Notification -= OnNotification;
            await leading.CancelAsync();
            await StopWorkersAsync();
        }
    }

    private async Task ScanAsync(CancellationToken leading)
    {
        try
        {
            foreach (var uid in await services.Queue.SubscriptionsWithPendingAsync(leading)) Wake(uid, leading);
            lock (_lock)
            {
                foreach (var gone in _workers.Where(w => w.Value.IsGone).Select(w => w.Key).ToList()) _workers.Remove(gone);
            }
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogScanFailed(ex);
        }
    }

    private void Wake(Guid uid, CancellationToken leading)
    {
        if (leading.IsCancellationRequested) return;
        SubscriptionWorker worker;
        lock (_lock)
        {
            if (!_workers.TryGetValue(uid, out worker!)) _workers[uid] = worker = new SubscriptionWorker(uid, services, leading);
        }
        worker.Wake();
    }

    private async Task StopWorkersAsync()
    {
        List<SubscriptionWorker> workers;
        lock (_lock)
        {
            workers = [.. _workers.Values];
            _workers.Clear();
        }
        await Task.WhenAll(workers.Select(w => w.StoppedAsync()));
    }

    // One lock per store schema: schemas share a database, and advisory locks are database-wide.
    private static long LockKey(string schema) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"eventorch-webhook-dispatcher/{schema}")), 0);

    [LoggerMessage(EventId = 730, Level = LogLevel.Information, Message = "This Api instance now sends the webhook deliveries of schema {Schema}")]
    private partial void LogLeading(string schema);

    [LoggerMessage(EventId = 731, Level = LogLevel.Warning, Message = "The webhook dispatcher lost its connection (and its lock); its senders stopped")]
    private partial void LogLost(Exception exception);

    [LoggerMessage(EventId = 732, Level = LogLevel.Warning, Message = "Looking for webhook deliveries failed")]
    private partial void LogScanFailed(Exception exception);
}
