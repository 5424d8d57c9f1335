using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.ServiceAccounts;

/// <summary>Kubernetes' serviceaccounts controller: every namespace that is not being deleted has a ServiceAccount
/// named <c>default</c>; one that lacks it (a namespace older than ServiceAccounts, or its <c>default</c> was deleted)
/// gets a new one. The Api creates it with the namespace, so this is the repair path.</summary>
public sealed partial class ServiceAccountsController : IReconciler
{
    private readonly Informer<Namespace> _namespaces;
    private readonly Informer<ServiceAccount> _accounts;
    private readonly KubeApiClient _api;
    private readonly ILogger<ServiceAccountsController> _logger;

    public ServiceAccountsController(Informer<Namespace> namespaces, Informer<ServiceAccount> accounts, KubeApiClient api, TimeProvider time,
        ILogger<ServiceAccountsController> logger)
    {
        (_namespaces, _accounts, _api, _logger) = (namespaces, accounts, api, logger);
        Queue = new WorkQueue(time);
        namespaces.Cache.Changed += (_, current) =>
        {
            if (current is not null) Queue.Add(current.Metadata.Name!);
        };
        accounts.Cache.Changed += (old, current) =>
        {
            if (current is null && old?.Metadata.Name == ServiceAccountNames.Default) Queue.Add(old.Metadata.Namespace!);
        };
    }

    public string Name => "serviceaccounts-controller";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_namespaces.WaitForSyncAsync(cancellationToken), _accounts.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _namespaces.Cache.List().Select(n => n.Metadata.Name!);

    /// <summary>The key is a namespace's name.</summary>
    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var ns = _namespaces.Cache.Get(null, key);
        if (ns is null || ns.Metadata.DeletionTimestamp is not null) return;
        if (_accounts.Cache.Get(key, ServiceAccountNames.Default) is not null) return;
        using var cause = KubeApiClient.CausedBy(_namespaces.Cache.CauseOf(null, key));
        try
        {
            await _api.CreateAsync(ResourceKind.ServiceAccount,
                new ServiceAccount { Metadata = new ObjectMeta { Name = ServiceAccountNames.Default, Namespace = key } }, cancellationToken);
            LogCreated(key);
        }
        catch (ApiException ex) when (ex.Status.Code == 409)
        {
            // Made meanwhile (by the Api with a new namespace, or another pass): what this pass wanted is there.
        }
        catch (ApiException ex) when (ex.Status.Code == 404 || ex.Status.Details?.Causes?.Any(c => c.Reason == "NamespaceTerminating") == true)
        {
            // The namespace is gone or going: nothing to keep.
        }
    }

    [LoggerMessage(EventId = 760, Level = LogLevel.Information, Message = "Created the default ServiceAccount of namespace {Namespace}")]
    private partial void LogCreated(string @namespace);
}
