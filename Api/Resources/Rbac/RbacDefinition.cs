using EventOrch.Api.Authorization.Rbac;
using EventOrch.Contracts.Model;
using Marten;

namespace EventOrch.Api.Resources.Rbac;

/// <summary>What the four RBAC kinds share: every write that commits tells the authorizer's policy cache, so the
/// writer's next request is decided on the new policy.</summary>
public abstract class RbacDefinition<T>(RbacCommitListener listener) : ResourceDefinition<T> where T : class, IKubeObject
{
    public override Task<Requests.ApiResult<T>> BeforeWriteAsync(IDocumentSession session, T? old, T obj, CancellationToken cancellationToken)
    {
        Listen(session);
        return base.BeforeWriteAsync(session, old, obj, cancellationToken);
    }

    public override Task<Status?> BeforeDeleteAsync(IDocumentSession session, T obj, CancellationToken cancellationToken)
    {
        Listen(session);
        return base.BeforeDeleteAsync(session, obj, cancellationToken);
    }

    public override T WithMetadata(T obj, ObjectMeta metadata) => With(obj, metadata);

    protected abstract T With(T obj, ObjectMeta metadata);

    private void Listen(IDocumentSession session)
    {
        if (!session.Listeners.Contains(listener)) session.Listeners.Add(listener);
    }
}
