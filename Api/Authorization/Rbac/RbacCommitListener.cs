using Marten;
using Marten.Services;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>Tells the policy cache the sequence of a committed write of an RBAC kind, so this Api's next decision
/// waits for it (added to the write's session by the RBAC kinds' definitions).</summary>
public sealed class RbacCommitListener(RbacCommits commits) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var newest = commit.GetEvents().Select(e => e.Sequence).DefaultIfEmpty(0).Max();
        if (newest > 0) commits.Committed(newest);
        return Task.CompletedTask;
    }
}
