using EventOrch.ClientRuntime.Controllers;

namespace EventOrch.Tests.Unit.Controllers;

public class WorkQueueTests
{
    private static readonly CancellationToken Soon = new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token;

    [Fact]
    public async Task A_key_added_twice_waits_once()
    {
        var queue = new WorkQueue(TimeProvider.System);
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Length);
        Assert.Equal("a", await queue.TakeAsync(Soon));
        Assert.Equal("b", await queue.TakeAsync(Soon));
    }

    [Fact]
    public async Task A_key_added_while_a_worker_holds_it_comes_back_only_after_done()
    {
        var queue = new WorkQueue(TimeProvider.System);
        queue.Add("a");
        var held = await queue.TakeAsync(Soon);

        queue.Add("a");
        Assert.Equal(0, queue.Length);

        queue.Done(held);
        Assert.Equal(1, queue.Length);
        Assert.Equal("a", await queue.TakeAsync(Soon));
    }

    [Fact]
    public async Task A_rate_limited_key_comes_back_after_its_delay()
    {
        var queue = new WorkQueue(TimeProvider.System);

        queue.AddRateLimited("a");

        Assert.Equal("a", await queue.TakeAsync(Soon));
    }
}
