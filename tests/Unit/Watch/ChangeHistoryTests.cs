using EventOrch.Api.Watch;
using static EventOrch.Tests.Unit.Watch.WatchTestObjects;

namespace EventOrch.Tests.Unit.Watch;

public sealed class ChangeHistoryTests
{
    private static ChangeHistory HistoryOf(int capacity, long start, params long[] resourceVersions)
    {
        var history = new ChangeHistory(capacity);
        history.Reset(start);
        foreach (var rv in resourceVersions) history.Append(Change(rv, null, Pod($"p{rv}")));
        return history;
    }

    [Fact]
    public void Resuming_from_a_held_resource_version_returns_every_later_change_in_order()
    {
        var history = HistoryOf(10, start: 4, 5, 7, 9, 12);

        Assert.True(history.TryGetSince(7, out var changes));

        Assert.Equal([9L, 12L], changes.Select(c => c.ResourceVersion));
    }

    [Fact]
    public void Resuming_from_a_version_between_changes_starts_after_it()
    {
        var history = HistoryOf(10, start: 4, 5, 7, 9, 12);

        Assert.True(history.TryGetSince(8, out var changes));

        Assert.Equal([9L, 12L], changes.Select(c => c.ResourceVersion));
    }

    [Fact]
    public void Resuming_from_the_start_position_returns_everything_and_from_the_newest_nothing()
    {
        var history = HistoryOf(10, start: 4, 5, 7);

        Assert.True(history.TryGetSince(4, out var all));
        Assert.True(history.TryGetSince(7, out var none));

        Assert.Equal([5L, 7L], all.Select(c => c.ResourceVersion));
        Assert.Empty(none);
    }

    [Fact]
    public void A_version_before_the_start_position_is_too_old()
    {
        var history = HistoryOf(10, start: 4, 5);

        Assert.False(history.TryGetSince(3, out _));
        Assert.Equal(4, history.Horizon);
    }

    [Fact]
    public void A_full_history_drops_the_oldest_change_and_its_horizon_moves_to_it()
    {
        var history = HistoryOf(3, start: 0, 1, 2, 3, 4, 5);

        Assert.Equal(3, history.Count);
        Assert.Equal(2, history.Horizon);
        Assert.False(history.TryGetSince(1, out _));
        Assert.True(history.TryGetSince(2, out var changes));
        Assert.Equal([3L, 4L, 5L], changes.Select(c => c.ResourceVersion));
    }

    [Fact]
    public void A_reset_forgets_every_change()
    {
        var history = HistoryOf(3, start: 0, 1, 2);

        history.Reset(40);

        Assert.Equal(0, history.Count);
        Assert.False(history.TryGetSince(2, out _));
        Assert.True(history.TryGetSince(40, out var changes));
        Assert.Empty(changes);
    }
}
