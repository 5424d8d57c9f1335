using EventOrch.Api.Leases;
using EventOrch.Api.Metrics;
using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Bootstrap;

/// <summary>At start: the lease table, the metric sample tables, and the system namespaces (default, kube-system for leader election,
/// kube-node-lease for node heartbeats) when they do not exist yet.</summary>
public sealed partial class ApiBootstrap(ObjectStore<Namespace> namespaces, ObjectQueries<Namespace> queries, LeaseStore leases,
    MetricsStore metrics,
    ILogger<ApiBootstrap> logger) : IHostedService
{
    public const string SystemUser = "system:apiserver";

    private static readonly string[] Namespaces = [SystemNamespaces.Default, SystemNamespaces.KubeSystem, SystemNamespaces.NodeLease];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await leases.CreateSchemaAsync(cancellationToken);
        await metrics.CreateSchemaAsync(cancellationToken);
        foreach (var name in Namespaces)
        {
            if ((await queries.GetAsync("", name, cancellationToken)).IsSuccess) continue;
            var result = await namespaces.CreateAsync("", new Namespace { Metadata = new ObjectMeta { Name = name } },
                new WriteContext(SystemUser, Guid.NewGuid().ToString(), null), cancellationToken);
            if (result.IsSuccess) LogCreated(name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Created namespace {Name}")]
    private partial void LogCreated(string name);
}
