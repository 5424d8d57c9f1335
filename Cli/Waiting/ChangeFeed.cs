using System.Threading.Channels;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Discovery;
using EventOrch.Cli.Resources;

namespace EventOrch.Cli.Waiting;

/// <summary>A collection whose changes a wait looks at: a kind in a namespace, narrowed by field and label selectors.</summary>
public sealed record WatchTarget(ApiResource Resource, string? Namespace, string? FieldSelector = null, string? LabelSelector = null);

/// <summary>Tells a wait when to look again: when a watch on any of its targets reports an event, or, where the Api
/// answers a watch with 400, 405 or 501 (it serves none), every second. Either way it also wakes after a few quiet seconds, so a
/// missed event delays a wait but never stalls it.</summary>
public sealed class ChangeFeed : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan QuietInterval = TimeSpan.FromSeconds(3);

    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop;
    private readonly List<Task> _loops = [];
    private readonly TimeProvider _time;
    private volatile bool _polling;

    private ChangeFeed(KubeApiClient api, IReadOnlyList<WatchTarget> targets, TimeProvider time, CancellationToken cancellationToken)
    {
        _time = time;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        foreach (var target in targets) _loops.Add(WatchLoopAsync(api, target, _stop.Token));
    }

    /// <summary>True once a target's watch was refused and the feed polls.</summary>
    public bool Polling => _polling;

    public static ChangeFeed Start(KubeApiClient api, IReadOnlyList<WatchTarget> targets, CancellationToken cancellationToken, TimeProvider? time = null) =>
        new(api, targets, time ?? TimeProvider.System, cancellationToken);

    /// <summary>Returns at the next change, or after the poll interval (polling) or the quiet interval (watching).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_polling ? PollInterval : QuietInterval);
        try
        {
            await _changes.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WatchLoopAsync(KubeApiClient api, WatchTarget target, CancellationToken cancellationToken)
    {
        var query = ObjectCalls.SelectorQuery(target.LabelSelector, target.FieldSelector);
        var path = target.Resource.CollectionPath(target.Resource.Namespaced ? target.Namespace : null);
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in Watcher.WatchAsync(api, path, query, resourceVersion, null, cancellationToken))
                {
                    resourceVersion = change.ResourceVersion ?? resourceVersion;
                    _changes.Writer.TryWrite(true);
                }
            }
            catch (WatchNotServedException)
            {
                await PollAsync(cancellationToken);
                return;
            }
            catch (WatchExpiredException)
            {
                resourceVersion = null;
                _changes.Writer.TryWrite(true);
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or ApiException or IOException)
            {
                // The stream broke: look again, and reconnect after a pause.
                _changes.Writer.TryWrite(true);
            }
            try
            {
                await Task.Delay(PollInterval, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        _polling = true;
        _changes.Writer.TryWrite(true);
        using var timer = new PeriodicTimer(PollInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken)) _changes.Writer.TryWrite(true);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
