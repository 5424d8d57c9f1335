using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>Namespaces: cluster-scoped, Active from creation; only metadata changes on update. A DELETE makes a namespace
/// Terminating; the namespace controller deletes what is in it, then takes <c>kubernetes</c> out of its
/// <c>spec.finalizers</c> through <c>finalize</c>, and the namespace goes once no finalizer is left.</summary>
public sealed class NamespaceDefinition(IServiceProvider services) : ResourceDefinition<Namespace>
{
    /// <summary>Namespaces the system relies on; they may not be deleted.</summary>
    public static readonly IReadOnlySet<string> Protected = new HashSet<string> { "default", "kube-system", "kube-public", "kube-node-lease" };

    public override IObjectEvolver<Namespace> Evolver => NamespaceEvolver.Instance;

    // One DELETE would take namespaces one by one until the first protected one refused; Kubernetes has no such verb.
    public override bool ServesDeleteCollection => false;

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
        Spec = new NamespaceSpec { Finalizers = [NamespaceFinalizers.Kubernetes] },
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

    /// <summary>While <c>spec.finalizers</c> holds the namespace, a DELETE only begins its termination (a second one
    /// changes nothing).</summary>
    public override bool MayGo(Namespace obj) => obj.Spec?.Finalizers is not { Count: > 0 };

    /// <summary>Only the conditions are written through <c>status</c>; the phase follows the namespace's deletion.</summary>
    public override IObjectEvent? StatusChanged(Namespace old, Namespace updated)
    {
        var conditions = updated.Status?.Conditions;
        return JsonEquals(old.Status?.Conditions, conditions) ? null : new NamespaceStatusChanged(old.Metadata.Uid!, old.Metadata.Name!, conditions);
    }

    /// <summary>The finalize subresource: <c>spec.finalizers</c> replaced, or nothing when they are the same.</summary>
    public static Requests.ApiResult<IObjectEvent?> Finalize(Namespace old, Namespace updated)
    {
        var finalizers = updated.Spec?.Finalizers ?? [];
        var errors = NamespaceValidation.ValidateFinalizers(finalizers);
        if (errors.Count > 0) return Requests.ApiErrors.Invalid(ResourceKind.Namespace, old.Metadata.Name!, errors);
        if (finalizers.SequenceEqual(old.Spec?.Finalizers ?? [])) return new Requests.ApiResult<IObjectEvent?>(null, null);
        return new NamespaceFinalized(old.Metadata.Uid!, old.Metadata.Name!, finalizers);
    }

    /// <summary>A new namespace gets its <c>default</c> ServiceAccount in the same transaction.</summary>
    public override Task<Requests.ApiResult<Namespace>> BeforeWriteAsync(Marten.IDocumentSession session, Namespace? old, Namespace obj,
        CancellationToken cancellationToken)
    {
        if (old is null) ServiceAccounts.ServiceAccountAdmission.StartDefault(session, obj.Metadata.Name!, services.GetRequiredService<TimeProvider>().GetUtcNow());
        return Task.FromResult(new Requests.ApiResult<Namespace>(obj, null));
    }

    /// <summary>Whatever is still in the namespace when it goes (the namespace controller normally leaves nothing) goes in
    /// the same transaction, whatever finalizers it carries.</summary>
    public override async Task<Status?> BeforeDeleteAsync(Marten.IDocumentSession session, Namespace obj, CancellationToken cancellationToken)
    {
        foreach (var contents in services.GetServices<Storage.INamespaceContents>())
            await contents.AppendDeletesAsync(session, obj.Metadata.Name!, cancellationToken);
        return null;
    }

    public override IObjectEvent Deleted(Namespace obj) => new NamespaceDeleted(obj.Metadata.Uid!, obj.Metadata.Name!);
}
