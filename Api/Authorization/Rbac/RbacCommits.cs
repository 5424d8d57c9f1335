namespace EventOrch.Api.Authorization.Rbac;

/// <summary>The newest sequence at which this Api committed a write of an RBAC kind. Kept apart from the policy cache,
/// which depends (through the watch cache) on the kinds' definitions that report here.</summary>
public sealed class RbacCommits
{
    private long _newest;

    public long Newest => Volatile.Read(ref _newest);

    public void Committed(long sequence)
    {
        long current;
        do
        {
            current = Volatile.Read(ref _newest);
            if (sequence <= current) return;
        }
        while (Interlocked.CompareExchange(ref _newest, sequence, current) != current);
    }
}
