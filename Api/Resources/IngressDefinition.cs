using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>Ingresses (networking.k8s.io/v1), stored as given; the ServiceProxy serves their rules.</summary>
public sealed class IngressDefinition : SpecStatusDefinition<Ingress, IngressSpec, IngressStatus>
{
    public override IObjectEvolver<Ingress> Evolver => IngressEvolver.Instance;

    public override Ingress WithMetadata(Ingress obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override IReadOnlyList<FieldError> ValidateCreate(Ingress obj) => IngressValidation.ValidateCreate(obj);

    public override IReadOnlyList<FieldError> ValidateUpdate(Ingress old, Ingress updated) => IngressValidation.ValidateUpdate(old, updated);

    public override IObjectEvent Created(Ingress obj) => new IngressCreated(obj);

    public override IObjectEvent Deleted(Ingress obj) => new IngressDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    protected override IngressSpec SpecOf(Ingress obj) => obj.Spec;

    protected override IngressStatus? StatusOf(Ingress obj) => obj.Status;

    protected override Ingress With(Ingress obj, IngressSpec spec, IngressStatus? status) => obj with { Spec = spec, Status = status };

    protected override IObjectEvent MetadataChanged(string uid, string ns, string name, MetadataChanges changes) =>
        new IngressMetadataChanged(uid, ns, name, changes);

    protected override IObjectEvent SpecChanged(string uid, string ns, string name, IngressSpec spec) => new IngressSpecChanged(uid, ns, name, spec);

    protected override IObjectEvent StatusChanged(string uid, string ns, string name, IngressStatus status) =>
        new IngressStatusChanged(uid, ns, name, status);

    protected override Ingress Defaults(Ingress ingress) => ingress;
}
