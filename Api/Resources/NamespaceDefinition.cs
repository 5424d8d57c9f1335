using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>Namespaces: cluster-scoped, Active from creation; only metadata changes on update.</summary>
public sealed class NamespaceDefinition(IServiceProvider services) : ResourceDefinition<Namespace>
{
    /// <summary>Namespaces the system relies on; they may not be deleted.</summary>
    public static readonly IReadOnlySet<string> Protected = new HashSet<string> { "default", "kube-system", "kube-public", "kube-node-lease" };

    public override IObjectEvolver<Namespace> Evolver => NamespaceEvolver.Instance;

    public override IReadOnlyDictionary<string, Func<Namespace, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<Namespace, string?>> { ["status.phase"] = n => n.Status?.Phase ?? "" };

    public override Namespace WithMetadata(Namespace obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override Namespace PrepareForCreate(Namespace obj) => obj with
    {
        Metadata = obj.Metadata with
        {
            Labels = new Dictionary<string, string>(obj.Metadata.Labels ?? [])
            {
                ["kubernetes.io/metadata.name"] = obj.Metadata.Name ?? "",
            },
        },
        Spec = new NamespaceSpec { Finalizers = ["kubernetes"] },
        Status = new NamespaceStatus { Phase = NamespacePhases.Active },
    };

    public override IReadOnlyList<FieldError> ValidateCreate(Namespace obj) => NamespaceValidation.ValidateCreate(obj);

    public override Namespace PrepareForUpdate(Namespace old, Namespace updated) => updated with
    {
        Metadata = updated.Metadata with
        {
            Labels = new Dictionary<string, string>(updated.Metadata.Labels ?? [])
            {
                ["kubernetes.io/metadata.name"] = old.Metadata.Name ?? "",
            },
        },
        Spec = old.Spec,
        Status = old.Status,
    };

    public override IReadOnlyList<FieldError> ValidateUpdate(Namespace old, Namespace updated) =>
        NamespaceValidation.ValidateUpdate(old, updated);

    public override IObjectEvent Created(Namespace obj) => new NamespaceCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(Namespace old, Namespace updated)
    {
        var changes = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        return changes.IsEmpty ? [] : [new NamespaceMetadataChanged(old.Metadata.Uid!, old.Metadata.Name!, changes)];
    }

    public override Status? RefuseDelete(Namespace obj)
    {
        var name = obj.Metadata.Name!;
        if (!Protected.Contains(name)) return null;
        return new Status
        {
            Code = 403,
            Reason = StatusReasons.Forbidden,
            Message = $"namespaces \"{name}\" is forbidden: this namespace may not be deleted",
            Details = new StatusDetails { Name = name, Kind = Kind.Plural },
        };
    }

    /// <summary>A namespace goes with everything in it, in one transaction (whatever finalizers its contents carry).</summary>
    public override async Task<Status?> BeforeDeleteAsync(Marten.IDocumentSession session, Namespace obj, CancellationToken cancellationToken)
    {
        foreach (var contents in services.GetServices<Storage.INamespaceContents>())
            await contents.AppendDeletesAsync(session, obj.Metadata.Name!, cancellationToken);
        return null;
    }

    public override IObjectEvent Deleted(Namespace obj) => new NamespaceDeleted(obj.Metadata.Uid!, obj.Metadata.Name!);
}
