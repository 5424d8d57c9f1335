using System.ComponentModel.DataAnnotations;

namespace EventOrch.Api.Watch;

/// <summary>The watch cache and watch streams (configuration section "Watch").</summary>
public sealed class WatchOptions
{
    public const string Section = "Watch";

    /// <summary>How many recent changes the cache keeps: a watch may resume from any resourceVersion they cover;
    /// an older one is answered 410 Expired and the client lists again.</summary>
    [Range(1, 10_000_000)] public int HistorySize { get; set; } = 10_000;

    /// <summary>How long a hole in the event sequence (a transaction that took a sequence number and has not
    /// committed) may hold the cache back before it is taken for a failed append and passed over.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")] public TimeSpan GapTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the store is read when no append notification arrives (the notification is the fast path).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a watch that allows bookmarks is sent one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")] public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Changes queued for one watch before it is ended as too slow (the client resumes from its last resourceVersion).</summary>
    [Range(16, 1_000_000)] public int QueueLength { get; set; } = 1_000;

    /// <summary>A watch without timeoutSeconds ends after a random time between this and twice this, as
    /// kube-apiserver's --min-request-timeout does, so clients spread their reconnections.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan MinRequestTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a watch waits for the cache to reach the resourceVersion it asks for (or, without one, the
    /// store's newest event) before it is answered "Too large resource version".</summary>
    public TimeSpan CatchUpWait => GapTimeout + TimeSpan.FromSeconds(2);
}
