namespace EventOrch.Api.Watch;

/// <summary>Holes in the event sequence. Marten takes sequence numbers before it inserts, so a transaction that took
/// 99 can commit after the one that took 100: the cache holds before a hole until it fills, or until it has stayed
/// open for the gap timeout, when it is taken for an append that failed without leaving tombstones (a crashed
/// process) and passed over. Passed-over numbers are remembered for a while so that one committing after all is
/// noticed. Not thread-safe.</summary>
public sealed class SequenceGaps(TimeSpan timeout, TimeSpan retention)
{
    // More passed-over numbers than this (a sequence that jumped, as PostgreSQL's do after a crash) are not all
    // remembered: the lowest are, where a late commit is likeliest.
    private const int MaxRemembered = 10_000;

    private long _waitingFor = -1;
    private DateTimeOffset _waitingSince;
    private readonly Dictionary<long, DateTimeOffset> _passed = [];

    /// <summary>Whether the hole at <paramref name="missing"/> may be passed over now; the first call for a hole
    /// starts its clock.</summary>
    public bool MayPass(long missing, DateTimeOffset now)
    {
        if (_waitingFor != missing)
        {
            _waitingFor = missing;
            _waitingSince = now;
        }
        return now - _waitingSince >= timeout;
    }

    /// <summary>Records that <paramref name="first"/> to <paramref name="last"/> were passed over.</summary>
    public void Pass(long first, long last, DateTimeOffset now)
    {
        for (var sequence = first; sequence <= last && _passed.Count < MaxRemembered; sequence++) _passed[sequence] = now;
        _waitingFor = -1;
    }

    /// <summary>The passed-over numbers still worth checking for a late commit.</summary>
    public IReadOnlyList<long> Passed(DateTimeOffset now)
    {
        foreach (var (sequence, since) in _passed)
        {
            if (now - since > retention) _passed.Remove(sequence);
        }
        return [.. _passed.Keys];
    }

    /// <summary>Starts again after a reload from the store, with the holes it found below its position.</summary>
    public void Reset(IEnumerable<long> passed, DateTimeOffset now)
    {
        _passed.Clear();
        _waitingFor = -1;
        foreach (var sequence in passed.Take(MaxRemembered)) _passed[sequence] = now;
    }
}
