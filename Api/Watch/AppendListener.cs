using Marten.Events.Daemon.HighWater;
using Npgsql;

namespace EventOrch.Api.Watch;

/// <summary>Wakes the watch cache when events are appended: Marten notifies this channel in every append transaction
/// (UseListenNotifyForEventAppends), so the notification arrives as the transaction commits. The channel is shared by
/// every schema in the database; a wake-up for another schema's append costs one empty read.</summary>
public sealed partial class AppendListener(NpgsqlDataSource dataSource, TimeProvider time, ILogger<AppendListener> logger)
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    /// <summary>Listens until cancelled, calling <paramref name="appended"/> on each notification; a lost connection is
    /// opened again (the cache polls meanwhile).</summary>
    public async Task RunAsync(Action appended, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, _) => appended();
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresqlListenWakeup.DefaultChannel}", connection)) await listen.ExecuteNonQueryAsync(cancellationToken);
                // Whatever was appended while nobody listened.
                appended();
                while (true) await connection.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(ex, Retry.TotalSeconds);
                await Task.Delay(Retry, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Listening for event appends failed; polling the store until listening again in {Seconds} s")]
    private partial void LogListenFailed(Exception exception, double seconds);
}
