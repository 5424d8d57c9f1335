using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

// Inside the namespace: EventOrch.Api.Endpoints (the namespace) would hide the kind otherwise.
using Endpoints = EventOrch.Contracts.Model.Endpoints;

/// <summary>Endpoints (v1): no spec and no status, only subsets, written by the endpoints controller for a Service
/// with a selector, or by hand for one without. Ports default to TCP.</summary>
public sealed class EndpointsDefinition : ResourceDefinition<Endpoints>
{
    public override IObjectEvolver<Endpoints> Evolver => EndpointsEvolver.Instance;

    public override Endpoints WithMetadata(Endpoints obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override Endpoints PrepareForCreate(Endpoints obj) => Defaults(obj);

    public override IReadOnlyList<FieldError> ValidateCreate(Endpoints obj) => EndpointsValidation.ValidateCreate(obj);

    public override Endpoints PrepareForUpdate(Endpoints old, Endpoints updated) => Defaults(updated);

    public override IReadOnlyList<FieldError> ValidateUpdate(Endpoints old, Endpoints updated) => EndpointsValidation.ValidateUpdate(old, updated);

    public override IObjectEvent Created(Endpoints obj) => new EndpointsCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(Endpoints old, Endpoints updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, ns, name) = (old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!);
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new EndpointsMetadataChanged(uid, ns, name, metadata));
        if (!JsonEquals(old.Subsets ?? [], updated.Subsets ?? [])) events.Add(new EndpointsSubsetsChanged(uid, ns, name, updated.Subsets ?? []));
        return events;
    }

    public override IObjectEvent Deleted(Endpoints obj) => new EndpointsDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    private static Endpoints Defaults(Endpoints endpoints) => endpoints with
    {
        Subsets = endpoints.Subsets is { Count: > 0 } subsets
            ? subsets.Select(s => s with { Ports = s.Ports?.Select(p => p with { Protocol = p.Protocol ?? "TCP" }).ToList() }).ToList()
            : null,
    };
}
