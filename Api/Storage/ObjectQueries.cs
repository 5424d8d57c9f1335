using EventOrch.Api.Requests;
using EventOrch.Api.Resources;
using EventOrch.Contracts.Model;
using Marten;
using Marten.Linq.MatchesSql;

namespace EventOrch.Api.Storage;

/// <summary>Reads of one kind from its current-state projection: get, and list with selectors and pages.</summary>
public sealed class ObjectQueries<T>(IDocumentStore store, ResourceDefinition<T> definition, ISequenceFollower follower) where T : class, IKubeObject
{
    public async Task<ApiResult<T>> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var record = await FindAsync(session, @namespace, name, cancellationToken);
        return record is null ? ApiErrors.NotFound(definition.Kind, name) : definition.Open(record.Object);
    }

    public static Task<ObjectRecord<T>?> FindAsync(IQuerySession session, string @namespace, string name, CancellationToken cancellationToken)
    {
        var key = ObjectRecord<T>.KeyOf(@namespace, name);
        return session.Query<ObjectRecord<T>>().FirstOrDefaultAsync(x => x.Key == key, cancellationToken);
    }

    /// <summary>Lists objects in <paramref name="namespace"/> (every namespace when null), in name order.</summary>
    public async Task<ApiResult<ObjectList<T>>> ListAsync(string? @namespace, ListOptions options, CancellationToken cancellationToken)
    {
        if (options.Fields.FirstUnsupported(SelectableFields) is { } unsupported)
            return ApiErrors.BadRequest($"field label not supported: {unsupported}", "fieldSelector");
        if (options.Limit is < 0) return ApiErrors.BadRequest("limit must not be negative", "limit");

        var after = "";
        if (!string.IsNullOrEmpty(options.Continue) && !ContinueToken.TryDecode(options.Continue, out after))
            return ApiErrors.BadRequest("continue key is not valid: the token is malformed", "continue");

        await using var session = store.QuerySession();
        var resourceVersion = await EventSequence.NewestAsync(session, cancellationToken);
        // Sequence numbers commit out of order: a lower one may still be uncommitted, and then neither in this page nor
        // sent by a watch from this resourceVersion. The watch cache passes a number only once it committed or was given
        // up, so wait (bounded) for it to pass the list's, as kube-apiserver waits for its cache to be fresh before a
        // consistent list; past the bound the list goes on as it is.
        await follower.WaitForAsync(resourceVersion, cancellationToken);
        var page = await ListPager.ReadAsync(after, options.Limit,
            (key, batchSize) => Page(session, @namespace, key, batchSize).ToListAsync(cancellationToken),
            record => record.Key, record => Matches(record.Object, options));
        var items = new List<T>();
        foreach (var record in page.Items)
        {
            var opened = definition.Open(record.Object);
            if (!opened.IsSuccess) return opened.Error!;
            items.Add(opened.Value!);
        }

        return new ObjectList<T>
        {
            ApiVersion = definition.Kind.ApiVersion,
            Kind = definition.Kind.ListKind,
            Metadata = new ListMeta
            {
                ResourceVersion = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Continue = page.More ? ContinueToken.Encode(page.Items[^1].Key, resourceVersion) : null,
            },
            Items = items,
        };
    }

    private IReadOnlySet<string> SelectableFields { get; } =
        new HashSet<string>(["metadata.name", "metadata.namespace", .. definition.SelectableFields.Keys]);

    private static IQueryable<ObjectRecord<T>> Page(IQuerySession session, string? @namespace, string after, int batchSize)
    {
        IQueryable<ObjectRecord<T>> query = session.Query<ObjectRecord<T>>();
        if (@namespace is not null) query = query.Where(x => x.Namespace == @namespace);
        if (after.Length > 0) query = query.Where(x => x.MatchesSql("d.data ->> 'key' > ?", after));
        query = query.OrderBy(x => x.Key);
        return batchSize == int.MaxValue ? query : query.Take(batchSize);
    }

    private bool Matches(T obj, ListOptions options) =>
        options.Labels.Matches(obj.Metadata.Labels) && options.Fields.Matches(field => definition.FieldValue(obj, field));
}
