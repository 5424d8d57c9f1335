using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace EventOrch.ServiceProxy.Configuration;

/// <summary>YARP's source of routes and clusters: the current <see cref="ProxySnapshot"/>. Each update replaces the
/// whole snapshot and signals the previous one's change token, so YARP always sees one consistent set, never a
/// half-applied change.</summary>
public sealed class ServiceProxyConfigProvider : IProxyConfigProvider
{
    private volatile Config _current = new(ProxySnapshot.Empty);

    public ProxySnapshot Current => _current.Snapshot;

    public IProxyConfig GetConfig() => _current;

    public void Update(ProxySnapshot snapshot)
    {
        var previous = Interlocked.Exchange(ref _current, new Config(snapshot));
        previous.SignalChange();
    }

    private sealed class Config(ProxySnapshot snapshot) : IProxyConfig
    {
        private readonly CancellationTokenSource _changed = new();

        public ProxySnapshot Snapshot => snapshot;
        public string RevisionId { get; } = Guid.NewGuid().ToString("N");
        public IReadOnlyList<RouteConfig> Routes => snapshot.Routes;
        public IReadOnlyList<ClusterConfig> Clusters => snapshot.Clusters;
        public IChangeToken ChangeToken => new CancellationChangeToken(_changed.Token);

        public void SignalChange() => _changed.Cancel();
    }
}
