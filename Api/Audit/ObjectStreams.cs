using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;

namespace EventOrch.Api.Audit;

/// <summary>The object a history or a why asks about: one of the objects that ever held a kind, namespace and name.</summary>
/// <param name="Chosen">The one asked for by uid; else the one living now; else the newest deleted.</param>
/// <param name="All">Every object that held the name, oldest first.</param>
public sealed record ObjectStreams(AuditStream Chosen, IReadOnlyList<AuditStream> All)
{
    /// <summary>Finds the objects that held <paramref name="name"/> and chooses one: 400 for a uid that is not one, 404
    /// when nothing of this kind ever held the name (or the uid never did).</summary>
    public static async Task<ApiResult<ObjectStreams>> ResolveAsync(AuditQueries audit, ResourceKind kind, string @namespace, string name,
        string? uid, CancellationToken cancellationToken)
    {
        Guid? wanted = null;
        if (uid is not null)
        {
            if (!Guid.TryParse(uid, out var parsed)) return ApiErrors.BadRequest($"uid \"{uid}\" is not a valid uid", "uid");
            wanted = parsed;
        }
        var streams = await audit.StreamsAsync(kind.Kind, @namespace, name, cancellationToken);
        if (streams.Count == 0)
        {
            var where = kind.Namespaced ? $" in namespace \"{@namespace}\"" : "";
            return ApiErrors.NotFound(kind, name) with
            {
                Message = $"{kind.Plural} \"{name}\" not found: no {kind.Singular} of this name was ever recorded{where}",
            };
        }
        if (wanted is { } id)
        {
            if (streams.FirstOrDefault(s => s.Uid == id) is { } match) return new ObjectStreams(match, streams);
            return ApiErrors.NotFound(kind, name) with
            {
                Message = $"{kind.Plural} \"{name}\" with uid {id} not found; the name was held by uid {string.Join(", ", streams.Select(s => s.Uid))}",
            };
        }
        var chosen = streams.FirstOrDefault(s => !s.Deleted) ?? streams.MaxBy(s => s.LastSequence)!;
        return new ObjectStreams(chosen, streams);
    }
}
