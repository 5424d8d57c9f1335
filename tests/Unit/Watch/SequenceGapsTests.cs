using EventOrch.Api.Watch;

namespace EventOrch.Tests.Unit.Watch;

public sealed class SequenceGapsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public void A_new_hole_is_held_until_it_has_stayed_open_for_the_timeout()
    {
        var gaps = new SequenceGaps(Timeout, TimeSpan.FromMinutes(10));

        Assert.False(gaps.MayPass(100, T0));
        Assert.False(gaps.MayPass(100, T0.AddSeconds(2.9)));
        Assert.True(gaps.MayPass(100, T0.AddSeconds(3)));
    }

    [Fact]
    public void A_different_hole_starts_its_own_clock()
    {
        var gaps = new SequenceGaps(Timeout, TimeSpan.FromMinutes(10));
        gaps.MayPass(100, T0);

        Assert.False(gaps.MayPass(105, T0.AddSeconds(5)));
        Assert.True(gaps.MayPass(105, T0.AddSeconds(8)));
    }

    [Fact]
    public void Passed_over_numbers_are_checked_for_late_commits_until_the_retention_ends()
    {
        var gaps = new SequenceGaps(Timeout, TimeSpan.FromMinutes(10));

        gaps.Pass(100, 102, T0);

        Assert.Equal([100L, 101L, 102L], gaps.Passed(T0.AddMinutes(9)).Order());
        Assert.Empty(gaps.Passed(T0.AddMinutes(11)));
    }

    [Fact]
    public void A_reset_keeps_only_the_holes_of_the_reload()
    {
        var gaps = new SequenceGaps(Timeout, TimeSpan.FromMinutes(10));
        gaps.Pass(100, 101, T0);

        gaps.Reset([7], T0);

        Assert.Equal([7L], gaps.Passed(T0));
    }
}
