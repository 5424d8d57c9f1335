using EventOrch.Api.Requests;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;
using Marten;

namespace EventOrch.Api.Resources;

/// <summary>Services (v1), with Kubernetes' defaults (type ClusterIP, protocol TCP, targetPort = port, no session
/// affinity, a 3-hour ClientIP timeout when affinity is asked for). Node ports are allocated from 30000-32767 in the
/// write's own transaction: each taken port is a row of <see cref="NodePortClaim"/>, so two services can never hold
/// the same one, and a service's ports are free again when it goes.</summary>
public sealed class ServiceDefinition : SpecStatusDefinition<Service, ServiceSpec, ServiceStatus>
{
    private const int DefaultAffinityTimeout = 10800;

    public override IObjectEvolver<Service> Evolver => ServiceEvolver.Instance;

    public override Service WithMetadata(Service obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override IReadOnlyList<FieldError> ValidateCreate(Service obj) => ServiceValidation.ValidateCreate(obj);

    public override IReadOnlyList<FieldError> ValidateUpdate(Service old, Service updated) => ServiceValidation.ValidateUpdate(old, updated);

    public override IObjectEvent Created(Service obj) => new ServiceCreated(obj);

    public override IObjectEvent Deleted(Service obj) => new ServiceDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    protected override ServiceSpec SpecOf(Service obj) => obj.Spec;

    protected override ServiceStatus? StatusOf(Service obj) => obj.Status;

    protected override Service With(Service obj, ServiceSpec spec, ServiceStatus? status) => obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) =>
        new ServiceMetadataChanged(uid, ns, name, changes);

    protected override IObjectEvent SpecChanged(string uid, string ns, string name, ServiceSpec spec) => new ServiceSpecChanged(uid, ns, name, spec);

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, ServiceStatus status) =>
        new ServiceStatusChanged(uid, ns, name, status);

    protected override Service Defaults(Service service)
    {
        var spec = service.Spec;
        var affinity = spec.SessionAffinity ?? "None";
        return service with
        {
            Spec = spec with
            {
                Type = spec.Type ?? ServiceTypes.ClusterIP,
                SessionAffinity = affinity,
                SessionAffinityConfig = affinity == "ClientIP"
                    ? new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds ?? DefaultAffinityTimeout } }
                    : spec.SessionAffinityConfig,
                // nodePort 0 means "none", as in Kubernetes.
                Ports = spec.Ports?.Select(p => p with { Protocol = p.Protocol ?? "TCP", TargetPort = p.TargetPort ?? p.Port, NodePort = p.NodePort is 0 ? null : p.NodePort })
                    .ToList(),
            },
        };
    }

    /// <summary>As Kubernetes' registry does (dropTypeDependentFields), an update to a type without node ports drops the
    /// ones the service held, unless it brings one it did not hold (validation then refuses that); BeforeWriteAsync
    /// releases their claims.</summary>
    public override Service PrepareForUpdate(Service old, Service updated)
    {
        var prepared = base.PrepareForUpdate(old, updated);
        if (old.Spec.Type != ServiceTypes.NodePort || prepared.Spec.Type == ServiceTypes.NodePort) return prepared;
        if (!NodePorts(prepared).IsSubsetOf(NodePorts(old))) return prepared;
        return prepared with { Spec = prepared.Spec with { Ports = prepared.Spec.Ports?.Select(p => p with { NodePort = null }).ToList() } };
    }

    private static HashSet<int> NodePorts(Service service) => [.. (service.Spec.Ports ?? []).Select(p => p.NodePort).OfType<int>()];

    public override async Task<ApiResult<Service>> BeforeWriteAsync(IDocumentSession session, Service? old, Service service, CancellationToken cancellationToken)
    {
        // Only a NodePort service, or one that was and may have ports to give back, touches the claims.
        if (service.Spec.Type != ServiceTypes.NodePort && old?.Spec.Ports?.Any(p => p.NodePort is not null) != true) return service;
        var uid = service.Metadata.Uid!;
        var claims = (await session.Query<NodePortClaim>().ToListAsync(cancellationToken)).ToDictionary(c => c.Id, c => c.ServiceUid);
        var wanted = new HashSet<int>();
        var ports = new List<ServicePort>();
        var errors = new List<FieldError>();
        foreach (var (port, i) in (service.Spec.Ports ?? []).Select((p, i) => (p, i)))
        {
            var nodePort = port.NodePort;
            if (service.Spec.Type == ServiceTypes.NodePort)
            {
                // An update that leaves nodePort out keeps the one the same port had, as Kubernetes does.
                nodePort ??= old?.Spec.Ports?.FirstOrDefault(o => o.Port == port.Port && o.Protocol == port.Protocol)?.NodePort;
                if (nodePort is { } given && claims.TryGetValue(given, out var holder) && holder != uid)
                    errors.Add(FieldError.Invalid(FieldPath.Root("spec").Child("ports").Index(i).Child("nodePort"), given, "provided port is already allocated"));
                nodePort ??= Allocate(claims, wanted);
                if (nodePort is null)
                {
                    errors.Add(FieldError.Invalid(FieldPath.Root("spec").Child("ports").Index(i).Child("nodePort"), 0,
                        $"no node port is free in {NodePortRange.First}-{NodePortRange.Last}"));
                    continue;
                }
                wanted.Add(nodePort.Value);
            }
            ports.Add(port with { NodePort = nodePort });
        }
        if (errors.Count > 0) return ApiErrors.Invalid(Kind, service.Metadata.Name!, errors);

        foreach (var port in wanted.Where(p => !claims.ContainsKey(p))) session.Insert(new NodePortClaim { Id = port, ServiceUid = uid });
        foreach (var (port, _) in claims.Where(c => c.Value == uid && !wanted.Contains(c.Key))) session.Delete<NodePortClaim>(port);
        return service with { Spec = service.Spec with { Ports = service.Spec.Ports is null ? null : ports } };
    }

    public override Task<Status?> BeforeDeleteAsync(IDocumentSession session, Service obj, CancellationToken cancellationToken)
    {
        foreach (var port in obj.Spec.Ports ?? [])
        {
            if (port.NodePort is { } nodePort) session.DeleteWhere<NodePortClaim>(c => c.Id == nodePort && c.ServiceUid == obj.Metadata.Uid);
        }
        return Task.FromResult<Status?>(null);
    }

    // A random free port, so that concurrent creates rarely pick the same one (the loser retries anyway).
    private static int? Allocate(Dictionary<int, string> claims, HashSet<int> wanted)
    {
        var size = NodePortRange.Last - NodePortRange.First + 1;
        var start = Random.Shared.Next(size);
        for (var i = 0; i < size; i++)
        {
            var candidate = NodePortRange.First + (start + i) % size;
            if (!claims.ContainsKey(candidate) && !wanted.Contains(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A node port held by a Service: one row per port, so a second holder fails on the primary key.</summary>
public sealed class NodePortClaim
{
    public int Id { get; set; }
    public string ServiceUid { get; set; } = "";
}
