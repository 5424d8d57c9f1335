using EventOrch.Api.ServiceAccounts;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>ServiceAccounts (v1): secrets, imagePullSecrets and automountServiceAccountToken, no spec nor status.
/// Deleting one revokes every token issued for it.</summary>
public sealed class ServiceAccountDefinition(TokenSubjects subjects) : ResourceDefinition<ServiceAccount>
{
    public override IObjectEvolver<ServiceAccount> Evolver => ServiceAccountEvolver.Instance;

    public override ServiceAccount WithMetadata(ServiceAccount obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override ServiceAccount PrepareForCreate(ServiceAccount obj) => Normalized(obj);

    public override IReadOnlyList<FieldError> ValidateCreate(ServiceAccount obj) => ServiceAccountValidation.ValidateCreate(obj);

    public override ServiceAccount PrepareForUpdate(ServiceAccount old, ServiceAccount updated) => Normalized(updated);

    public override IReadOnlyList<FieldError> ValidateUpdate(ServiceAccount old, ServiceAccount updated) => ServiceAccountValidation.ValidateUpdate(old, updated);

    public override IObjectEvent Created(ServiceAccount obj) => new ServiceAccountCreated(obj);

    public override IReadOnlyList<IObjectEvent> Changes(ServiceAccount old, ServiceAccount updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, ns, name) = (old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!);
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata);
        if (!metadata.IsEmpty) events.Add(new ServiceAccountMetadataChanged(uid, ns, name, metadata));
        if (!JsonEquals(old.Secrets, updated.Secrets) || !JsonEquals(old.ImagePullSecrets, updated.ImagePullSecrets)
            || old.AutomountServiceAccountToken != updated.AutomountServiceAccountToken)
            events.Add(new ServiceAccountChanged(uid, ns, name, updated.Secrets, updated.ImagePullSecrets, updated.AutomountServiceAccountToken));
        return events;
    }

    public override IObjectEvent Deleted(ServiceAccount obj) => new ServiceAccountDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    public override Task<Status?> BeforeDeleteAsync(Marten.IDocumentSession session, ServiceAccount obj, CancellationToken cancellationToken)
    {
        subjects.Forget(obj.Metadata.Uid);
        return Task.FromResult<Status?>(null);
    }

    // An empty list is stored as none, so "secrets: []" and no secrets are the same object.
    private static ServiceAccount Normalized(ServiceAccount account) => account with
    {
        Secrets = account.Secrets is { Count: > 0 } secrets ? secrets : null,
        ImagePullSecrets = account.ImagePullSecrets is { Count: > 0 } pull ? pull : null,
    };
}
