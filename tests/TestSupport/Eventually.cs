namespace EventOrch.Tests.Support;

/// <summary>Waits for a condition by polling it until a deadline: tests never sleep blindly.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> WaitFor<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var delay = TimeSpan.FromMilliseconds(20);
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"timed out after {(timeout ?? DefaultTimeout).TotalSeconds}s waiting for {what}; last value: {last}");
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    public static Task WaitFor(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitFor(() => Task.FromResult(condition()), ok => ok, what, timeout);
}
