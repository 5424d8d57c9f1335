using EventOrch.Contracts.Model;
using Marten;

namespace EventOrch.Api.Storage;

/// <summary>The live records of one kind in one namespace, read in the caller's session (inside a write's transaction,
/// they are what that transaction sees).</summary>
public static class NamespaceRecords
{
    public static async Task<IReadOnlyList<ObjectRecord<T>>> ReadAsync<T>(IQuerySession session, string @namespace,
        CancellationToken cancellationToken) where T : class, IKubeObject =>
        await session.Query<ObjectRecord<T>>().Where(x => x.Namespace == @namespace).ToListAsync(cancellationToken);
}
