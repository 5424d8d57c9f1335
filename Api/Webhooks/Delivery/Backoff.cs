namespace EventOrch.Api.Webhooks.Delivery;

/// <summary>Exponential back-off between attempts of one delivery: the initial wait after the first failure, doubled
/// after each further one, capped; <paramref name="jitter"/> (0 to 1, from the caller's randomness) takes up to a fifth
/// off, so subscriptions that failed together do not all try again in the same instant.</summary>
public static class Backoff
{
    public const double JitterShare = 0.2;

    public static TimeSpan Delay(int failedAttempts, TimeSpan initial, TimeSpan max, double jitter)
    {
        if (failedAttempts < 1) return TimeSpan.Zero;
        // 2^(n-1) without overflow: past 2^30 the cap has long been reached.
        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var ticks = Math.Min(initial.Ticks * factor, max.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (1 - JitterShare * Math.Clamp(jitter, 0, 1))));
    }
}
