using EventOrch.Api.Audit;
using EventOrch.Api.Requests;
using EventOrch.Api.Resources;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using Marten;
using Marten.Linq.MatchesSql;

namespace EventOrch.Api.Storage;

/// <summary>Reads of one kind from its current-state projection: get, and list with selectors and pages.</summary>
public sealed class ObjectQueries<T>(IDocumentStore store, ResourceDefinition<T> definition, ISequenceFollower follower, PastObjects past)
    where T : class, IKubeObject
{
    private StoredKind StoredKind => StoredKinds.Of(definition.Kind)!;

    public async Task<ApiResult<T>> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var record = await FindAsync(session, @namespace, name, cancellationToken);
        return record is null ? ApiErrors.NotFound(definition.Kind, name) : definition.Open(record.Object);
    }

    /// <summary>The object as it was at <paramref name="asOf"/> (a resourceVersion or an RFC 3339 time), even if it has
    /// been deleted since; 404 when no object held the name then.</summary>
    public async Task<ApiResult<T>> GetAsOfAsync(string @namespace, string name, string asOf, CancellationToken cancellationToken)
    {
        var point = await past.ResolveAsync(asOf, cancellationToken);
        if (!point.IsSuccess) return point.Error!;
        return await past.GetAsync(StoredKind, @namespace, name, point.Value, cancellationToken) is T then
            ? definition.Open(then)
            : ApiErrors.NotFound(definition.Kind, name) with { Message = $"{definition.Kind.Plural} \"{name}\" not found as of {asOf}" };
    }

    public static Task<ObjectRecord<T>?> FindAsync(IQuerySession session, string @namespace, string name, CancellationToken cancellationToken)
    {
        var key = ObjectRecord<T>.KeyOf(@namespace, name);
        return session.Query<ObjectRecord<T>>().FirstOrDefaultAsync(x => x.Key == key, cancellationToken);
    }

    /// <summary>Lists objects in <paramref name="namespace"/> (every namespace when null), in name order: as they are, or
    /// as they were at the options' asOf point (a resourceVersion or an RFC 3339 time) when they name one.</summary>
    public async Task<ApiResult<ObjectList<T>>> ListAsync(string? @namespace, ListOptions options, CancellationToken cancellationToken)
    {
        if (options.Fields.FirstUnsupported(SelectableFields) is { } unsupported)
            return ApiErrors.BadRequest($"field label not supported: {unsupported}", "fieldSelector");
        if (options.Limit is < 0) return ApiErrors.BadRequest("limit must not be negative", "limit");

        var after = "";
        if (!string.IsNullOrEmpty(options.Continue) && !ContinueToken.TryDecode(options.Continue, out after))
            return ApiErrors.BadRequest("continue key is not valid: the token is malformed", "continue");

        long resourceVersion;
        ListPage<(string Key, T Object)> page;
        if (options.AsOf is { } asOf)
        {
            var point = await past.ResolveAsync(asOf, cancellationToken);
            if (!point.IsSuccess) return point.Error!;
            resourceVersion = point.Value;
            var then = (await past.ListAsync(StoredKind, @namespace, resourceVersion, cancellationToken))
                .Cast<T>().Select(o => (Key: ObjectRecord<T>.KeyOf(o.Metadata.Namespace ?? "", o.Metadata.Name!), Object: o))
                .OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
            page = await ListPager.ReadAsync(after, options.Limit,
                (key, batchSize) => Task.FromResult<IReadOnlyList<(string Key, T Object)>>(
                    [.. then.Where(o => string.CompareOrdinal(o.Key, key) > 0).Take(batchSize)]),
                o => o.Key, o => Matches(o.Object, options));
        }
        else
        {
            await using var session = store.QuerySession();
            resourceVersion = await EventSequence.NewestAsync(session, cancellationToken);
            // Sequence numbers commit out of order: a lower one may still be uncommitted, and then neither in this page nor
            // sent by a watch from this resourceVersion. The watch cache passes a number only once it committed or was given
            // up, so wait (bounded) for it to pass the list's, as kube-apiserver waits for its cache to be fresh before a
            // consistent list; past the bound the list goes on as it is.
            await follower.WaitForAsync(resourceVersion, cancellationToken);
            // A selector of one name (metadata.name=x) reads that name's record only, as kube-apiserver turns such a
            // list into a get, instead of every record of the namespace; the selectors still apply to it.
            var onlyKey = options.Fields.TryGetExactMatch("metadata.name", out var name) && (@namespace is not null || !definition.Kind.Namespaced)
                ? ObjectRecord<T>.KeyOf(@namespace ?? "", name)
                : null;
            var records = await ListPager.ReadAsync(after, options.Limit,
                (key, batchSize) => Page(session, @namespace, onlyKey, key, batchSize).ToListAsync(cancellationToken),
                record => record.Key, record => Matches(record.Object, options));
            page = new ListPage<(string Key, T Object)>([.. records.Items.Select(r => (r.Key, r.Object))], records.More);
        }
        var items = new List<T>();
        foreach (var (_, obj) in page.Items)
        {
            var opened = definition.Open(obj);
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

    private static IQueryable<ObjectRecord<T>> Page(IQuerySession session, string? @namespace, string? onlyKey, string after, int batchSize)
    {
        IQueryable<ObjectRecord<T>> query = session.Query<ObjectRecord<T>>();
        if (@namespace is not null) query = query.Where(x => x.Namespace == @namespace);
        if (onlyKey is not null) query = query.Where(x => x.Key == onlyKey);
        if (after.Length > 0) query = query.Where(x => x.MatchesSql("d.data ->> 'key' > ?", after));
        query = query.OrderBy(x => x.Key);
        return batchSize == int.MaxValue ? query : query.Take(batchSize);
    }

    private bool Matches(T obj, ListOptions options) =>
        options.Labels.Matches(obj.Metadata.Labels) && options.Fields.Matches(field => definition.FieldValue(obj, field));
}
