namespace EventOrch.ClientRuntime.Informers;

/// <summary>What every informer shows the host: its state, and a way to ask for a relist.</summary>
public interface IInformer
{
    string Resource { get; }
    int Count { get; }
    bool HasSynced { get; }
    DateTimeOffset? LastListedAt { get; }
    long Relists { get; }
    long Refetches { get; }

    /// <summary>Asks for a full relist soon (after a reconnect to the bus, say).</summary>
    void RequestRelist();
}
