using System.Runtime.CompilerServices;
using System.Threading.Channels;
using JasperFx.Events;
using Marten;

namespace EventOrch.Api.Replays;

/// <summary>The record of a snapshot as pages in sequence order, read by several readers at once: the sequence is cut into
/// ranges of <c>pageSize</c> numbers, reader <c>r</c> of <c>n</c> reads ranges <c>r, r + n, r + 2n, ...</c> on a
/// connection of its own (in the same exported snapshot), and the pages are handed on in range order, each reader at
/// most two ranges ahead. Reading and typing the events (JSON) is most of a replay's work; this spreads it over cores
/// and PostgreSQL backends while the caller folds what came before.</summary>
public static class EventPages
{
    public static async IAsyncEnumerable<IReadOnlyList<IEvent>> ReadAsync(ReplaySnapshot snapshot, IDocumentStore store, int pageSize, int readers,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ranges = (snapshot.Through + pageSize - 1) / pageSize;
        readers = (int)Math.Max(1, Math.Min(readers, ranges));
        var channels = Enumerable.Range(0, readers)
            .Select(_ => Channel.CreateBounded<IReadOnlyList<IEvent>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = channels.Select((channel, r) => Task.Run(() => ReadRangesAsync(snapshot, store, pageSize, r, readers, ranges, channel.Writer, stop.Token))).ToArray();
        try
        {
            for (var range = 0L; range < ranges; range++)
            {
                IReadOnlyList<IEvent> page;
                try
                {
                    page = await channels[range % readers].Reader.ReadAsync(cancellationToken);
                }
                catch (ChannelClosedException closed) when (closed.InnerException is { } failure)
                {
                    throw new InvalidOperationException($"reading events {range * pageSize + 1}-{(range + 1) * pageSize} failed: {failure.Message}", failure);
                }
                if (page.Count > 0) yield return page;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(tasks).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task ReadRangesAsync(ReplaySnapshot snapshot, IDocumentStore store, int pageSize, int first, int step, long ranges,
        ChannelWriter<IReadOnlyList<IEvent>> pages, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = await snapshot.OpenReaderAsync(cancellationToken);
            for (long range = first; range < ranges; range += step)
                await pages.WriteAsync(await reader.RangeAsync(store, range * pageSize, (range + 1) * pageSize, cancellationToken), cancellationToken);
            pages.Complete();
        }
        catch (Exception ex)
        {
            pages.Complete(ex);
        }
    }
}
