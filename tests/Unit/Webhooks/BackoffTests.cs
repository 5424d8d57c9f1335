using EventOrch.Api.Webhooks.Delivery;

namespace EventOrch.Tests.Unit.Webhooks;

public sealed class BackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    public void The_wait_doubles_after_each_failure_up_to_the_cap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Delay(failures, Initial, Max, jitter: 0));

    [Fact]
    public void Jitter_takes_at_most_a_fifth_off()
    {
        Assert.Equal(TimeSpan.FromSeconds(3.2), Backoff.Delay(3, Initial, Max, jitter: 1));
        Assert.Equal(TimeSpan.FromSeconds(3.6), Backoff.Delay(3, Initial, Max, jitter: 0.5));
        Assert.Equal(TimeSpan.FromSeconds(3.2), Backoff.Delay(3, Initial, Max, jitter: 7));
    }

    [Fact]
    public void No_failure_means_no_wait() => Assert.Equal(TimeSpan.Zero, Backoff.Delay(0, Initial, Max, jitter: 0.3));
}
