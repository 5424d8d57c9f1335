using Marten;

namespace EventOrch.Api.Storage;

/// <summary>A store of namespaced objects, asked to delete everything in a namespace that is being deleted.</summary>
public interface INamespaceContents
{
    /// <summary>Appends a delete event for each object in <paramref name="namespace"/> to <paramref name="session"/>.</summary>
    Task AppendDeletesAsync(IDocumentSession session, string @namespace, CancellationToken cancellationToken);
}
