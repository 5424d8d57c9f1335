using System.Collections.Concurrent;
using EventOrch.Contracts.Model;

namespace EventOrch.ServiceProxy.Metrics;

/// <summary>Requests, errors and latencies per service and backend pod over the current window, for the reports to the
/// Api. A request costs a dictionary lookup and an uncontended lock; <see cref="Close"/> hands the window over and
/// starts the next, so each report covers its own requests only.</summary>
public sealed class PodTrafficWindows
{
    private ConcurrentDictionary<(string Service, string Namespace, string Pod), Window> _current = new();

    public void Record(string service, string @namespace, string pod, double seconds, bool error) =>
        _current.GetOrAdd((service, @namespace, pod), _ => new Window()).Record(seconds, error);

    /// <summary>Ends the window: every pod that got requests in it, with its counts and p95 latency.</summary>
    public List<PodTrafficSample> Close()
    {
        var closed = Interlocked.Exchange(ref _current, new());
        return closed.Select(e => e.Value.Read(e.Key.Service, e.Key.Namespace, e.Key.Pod)).ToList();
    }

    private sealed class Window
    {
        private readonly Lock _lock = new();
        private readonly long[] _buckets = new long[LatencyHistogram.Bounds.Length + 1];
        private long _requests, _errors;

        public void Record(double seconds, bool error)
        {
            var bucket = LatencyHistogram.BucketOf(seconds);
            lock (_lock)
            {
                _requests++;
                if (error) _errors++;
                _buckets[bucket]++;
            }
        }

        // A request that fetched this window just before it was closed may land after this read: it is lost to the
        // reports, never counted twice.
        public PodTrafficSample Read(string service, string @namespace, string pod)
        {
            lock (_lock)
            {
                return new PodTrafficSample
                {
                    Service = service,
                    Namespace = @namespace,
                    Name = pod,
                    Requests = _requests,
                    Errors = _errors,
                    LatencyP95Seconds = LatencyHistogram.Quantile(_buckets, 0.95),
                };
            }
        }
    }
}
