using System.Globalization;
using EventOrch.ServiceProxy.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace EventOrch.ServiceProxy.Listeners;

/// <summary>Every address the host listens on, as Kestrel endpoint configuration that follows the Services: the admin
/// address(es) from <c>Urls</c>, the entry points, and one endpoint per node port. Kestrel watches this configuration
/// (<c>KestrelServerOptions.Configure(config, reloadOnChange: true)</c>) and binds or unbinds only the endpoints that
/// changed; connections on a removed endpoint finish. It also tells which listener a connection came in on.</summary>
/// <remarks>Kestrel binds configured endpoints instead of <c>Urls</c> (and says so in a warning at start), which is why
/// the admin address is part of this configuration too.</remarks>
public sealed partial class ProxyListeners
{
    private readonly ListenerConfigurationProvider _provider = new();
    private readonly string[] _adminUrls;
    private readonly ProxyOptions _options;
    private readonly ILogger<ProxyListeners> _logger;
    private readonly Lock _lock = new();
    private IReadOnlyList<NodePortListener> _nodePorts = [];
    private volatile IReadOnlyDictionary<int, string> _listenerByPort;

    public ProxyListeners(IConfiguration configuration, IOptions<ProxyOptions> options, ILogger<ProxyListeners> logger)
    {
        _options = options.Value;
        _logger = logger;
        _adminUrls = (configuration[WebHostDefaults.ServerUrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Configuration = new ConfigurationBuilder().Add(new ListenerConfigurationSource(_provider)).Build();
        _listenerByPort = ListenerByPort([]);
        _provider.Replace(Endpoints([]));
    }

    /// <summary>Kestrel's configuration: the "Endpoints" section, reloaded when the node ports change.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>The listener a request arrived on, by the local port of its connection: <see cref="ProxyMetadata.EntryListener"/>,
    /// a node-port listener, or null for the admin port.</summary>
    public string? ListenerOf(int localPort) => _listenerByPort.GetValueOrDefault(localPort);

    /// <summary>Listens on exactly these node ports from now on (Kestrel rebinds on the configuration change).</summary>
    public void SetNodePorts(IReadOnlyList<NodePortListener> nodePorts)
    {
        lock (_lock)
        {
            if (nodePorts.SequenceEqual(_nodePorts)) return;
            foreach (var added in nodePorts.Except(_nodePorts)) LogNodePortOpened(added.Port, added.Service, added.Http2 ? "HTTP/2" : "HTTP/1.1");
            foreach (var removed in _nodePorts.Except(nodePorts)) LogNodePortClosed(removed.Port, removed.Service);
            _nodePorts = nodePorts;
            _listenerByPort = ListenerByPort(nodePorts);
            _provider.Replace(Endpoints(nodePorts));
        }
    }

    private Dictionary<int, string> ListenerByPort(IReadOnlyList<NodePortListener> nodePorts)
    {
        var byPort = nodePorts.ToDictionary(n => n.Port, n => ProxyMetadata.NodePortListener(n.Port));
        byPort[_options.EntryPort] = ProxyMetadata.EntryListener;
        if (_options.Http2EntryPort > 0) byPort[_options.Http2EntryPort] = ProxyMetadata.EntryListener;
        return byPort;
    }

    private Dictionary<string, string?> Endpoints(IReadOnlyList<NodePortListener> nodePorts)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _adminUrls.Length; i++) data[$"Endpoints:Admin{i}:Url"] = _adminUrls[i];
        Add("Entry", _options.EntryPort, http2: false);
        if (_options.Http2EntryPort > 0) Add("EntryHttp2", _options.Http2EntryPort, http2: true);
        foreach (var nodePort in nodePorts) Add($"NodePort{nodePort.Port}", nodePort.Port, nodePort.Http2);
        return data;

        void Add(string name, int port, bool http2)
        {
            data[$"Endpoints:{name}:Url"] = Url(port);
            // Cleartext HTTP/2 has nothing to negotiate it: such a port speaks HTTP/2 only (prior knowledge, as gRPC does).
            data[$"Endpoints:{name}:Protocols"] = http2 ? "Http2" : "Http1";
        }
    }

    private string Url(int port)
    {
        var address = _options.ListenAddress.Contains(':') ? $"[{_options.ListenAddress}]" : _options.ListenAddress;
        return $"http://{address}:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Listening on node port {Port} for service {Service} ({Protocol})")]
    private partial void LogNodePortOpened(int port, string service, string protocol);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "No longer listening on node port {Port} (was service {Service})")]
    private partial void LogNodePortClosed(int port, string service);
}

/// <summary>An in-memory configuration whose whole content is replaced at once, raising one reload.</summary>
internal sealed class ListenerConfigurationProvider : ConfigurationProvider
{
    public void Replace(IDictionary<string, string?> data)
    {
        Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
        OnReload();
    }
}

internal sealed class ListenerConfigurationSource(ListenerConfigurationProvider provider) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;
}
