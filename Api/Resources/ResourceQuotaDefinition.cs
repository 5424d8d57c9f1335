using EventOrch.Api.Admission;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quota;
using EventOrch.Contracts.Validation;
using Marten;

namespace EventOrch.Api.Resources;

/// <summary>ResourceQuotas (v1). Its status is what admission enforces: <c>status.hard</c> follows the spec in the same
/// write, and the usage of every resource it starts constraining is counted from the store in that write's transaction,
/// so a new quota is enforced at once; admission then charges it, and the quota controller recounts.</summary>
public sealed class ResourceQuotaDefinition(TimeProvider time) : SpecStatusDefinition<ResourceQuota, ResourceQuotaSpec, ResourceQuotaStatus>
{
    public override IObjectEvolver<ResourceQuota> Evolver => ResourceQuotaEvolver.Instance;

    public override ResourceQuota WithMetadata(ResourceQuota obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override IReadOnlyList<FieldError> ValidateCreate(ResourceQuota obj) => ResourceQuotaValidation.ValidateCreate(obj);

    public override IReadOnlyList<FieldError> ValidateUpdate(ResourceQuota old, ResourceQuota updated) => ResourceQuotaValidation.ValidateUpdate(old, updated);

    public override IReadOnlyList<FieldError> ValidateStatus(ResourceQuota updated) => ResourceQuotaValidation.ValidateStatus(updated);

    public override IObjectEvent Created(ResourceQuota obj) => new ResourceQuotaCreated(obj);

    public override IObjectEvent Deleted(ResourceQuota obj) => new ResourceQuotaDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    protected override ResourceQuotaSpec SpecOf(ResourceQuota obj) => obj.Spec;

    protected override ResourceQuotaStatus? StatusOf(ResourceQuota obj) => obj.Status;

    protected override ResourceQuota With(ResourceQuota obj, ResourceQuotaSpec spec, ResourceQuotaStatus? status) => obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) =>
        new ResourceQuotaMetadataChanged(uid, ns, name, changes);

    protected override IObjectEvent SpecChanged(string uid, string ns, string name, ResourceQuotaSpec spec) => new ResourceQuotaSpecChanged(uid, ns, name, spec);

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, ResourceQuotaStatus status) =>
        new ResourceQuotaStatusChanged(uid, ns, name, status);

    // An empty hard list is none.
    protected override ResourceQuota Defaults(ResourceQuota quota) =>
        quota with { Spec = quota.Spec with { Hard = quota.Spec.Hard is { Count: > 0 } hard ? hard : null } };

    public override async Task<ApiResult<ResourceQuota>> BeforeWriteAsync(IDocumentSession session, ResourceQuota? old, ResourceQuota quota,
        CancellationToken cancellationToken)
    {
        if (old is not null && JsonEquals(old.Spec.Hard, quota.Spec.Hard) && JsonEquals(old.Status?.Hard, quota.Spec.Hard)) return quota;
        var ns = quota.Metadata.Namespace!;
        var untracked = (quota.Spec.Hard?.Keys ?? Enumerable.Empty<string>()).Where(r => old?.Status?.Used?.ContainsKey(r) != true).ToList();
        var objects = await NamespaceObjects.LoadAsync(session, ns, untracked.Select(QuotaResources.MeasuredOn).OfType<ResourceKind>(), cancellationToken);
        var now = time.GetUtcNow();
        var status = QuotaCheck.StatusFor(quota.Spec.Hard, old?.Status, names => QuotaUsage.Total(names, objects, now));
        return quota with { Status = status };
    }

    /// <summary>A change of the hard limits also replaces the status (its hard, and the usage of what it now constrains).</summary>
    public override IReadOnlyList<IObjectEvent> Changes(ResourceQuota old, ResourceQuota updated)
    {
        var events = base.Changes(old, updated).ToList();
        if (StatusChanged(old, updated) is { } status) events.Add(status);
        return events;
    }
}
