using System.Globalization;
using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;
using Marten;

namespace EventOrch.Api.KubeEvents;

/// <summary>A page of Events: the items, the list's resourceVersion and the continue token when more remain.</summary>
public sealed record KubeEventPage(IReadOnlyList<KubeEvent> Items, string ResourceVersion, string? Continue);

/// <summary>Reads Events: get by name, and list in time order with label and field selectors and pages. The selective
/// fields kubectl uses (the involved object's uid and name, the namespace, the name) are matched in SQL on indexed
/// columns; every requirement is then checked on the Event itself.</summary>
public sealed class KubeEventQueries(IDocumentStore store)
{
    public async Task<ApiResult<KubeEvent>> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        if (KubeEventMapper.TryParsePosition(name, out var position))
        {
            await using var session = store.QuerySession();
            var record = await session.LoadAsync<KubeEventRecord>(position, cancellationToken);
            if (record is not null && record.Namespace == @namespace && record.Name == name) return record.Event;
        }
        return ApiErrors.NotFound(ResourceKind.Event, name);
    }

    /// <summary>Events in <paramref name="namespace"/> (every namespace when null), oldest first.</summary>
    public async Task<ApiResult<KubeEventPage>> ListAsync(string? @namespace, ListOptions options, EventShape shape, CancellationToken cancellationToken)
    {
        var requirements = new List<FieldRequirement>();
        foreach (var requirement in options.Fields.Requirements)
        {
            if (KubeEventFields.CoreName(shape, requirement.Field) is not { } core)
                return ApiErrors.BadRequest($"field label not supported: {requirement.Field}", "fieldSelector");
            requirements.Add(requirement with { Field = core });
        }
        if (options.Limit is < 0) return ApiErrors.BadRequest("limit must not be negative", "limit");
        long after = 0;
        if (!string.IsNullOrEmpty(options.Continue)
            && (!ContinueToken.TryDecode(options.Continue, out var afterKey) || !long.TryParse(afterKey, CultureInfo.InvariantCulture, out after)))
            return ApiErrors.BadRequest("continue key is not valid: the token is malformed", "continue");

        await using var session = store.QuerySession();
        var resourceVersion = await EventSequence.NewestAsync(session, cancellationToken);
        var page = await ListPager.ReadAsync(after, options.Limit,
            (id, batchSize) => Page(session, @namespace, requirements, id, batchSize).ToListAsync(cancellationToken),
            record => record.Id, record => Matches(record.Event, options.Labels, requirements));
        var rv = resourceVersion.ToString(CultureInfo.InvariantCulture);
        return new KubeEventPage([.. page.Items.Select(r => r.Event)], rv,
            page.More ? ContinueToken.Encode(page.Items[^1].Id.ToString(CultureInfo.InvariantCulture), resourceVersion) : null);
    }

    private static IQueryable<KubeEventRecord> Page(IQuerySession session, string? @namespace, List<FieldRequirement> requirements, long after, int batchSize)
    {
        IQueryable<KubeEventRecord> query = session.Query<KubeEventRecord>().Where(x => x.Id > after);
        if (@namespace is null && Exact(requirements, "metadata.namespace") is { } fromSelector) @namespace = fromSelector;
        if (@namespace is not null) query = query.Where(x => x.Namespace == @namespace);
        if (Exact(requirements, "involvedObject.uid") is { } uid) query = query.Where(x => x.InvolvedUid == uid);
        if (Exact(requirements, "involvedObject.name") is { } name) query = query.Where(x => x.InvolvedName == name);
        if (Exact(requirements, "metadata.name") is { } eventName)
        {
            var position = KubeEventMapper.TryParsePosition(eventName, out var parsed) ? parsed : -1;
            query = query.Where(x => x.Id == position);
        }
        query = query.OrderBy(x => x.Id);
        return batchSize == int.MaxValue ? query : query.Take(batchSize);
    }

    private static string? Exact(List<FieldRequirement> requirements, string field) =>
        requirements.FirstOrDefault(r => r.Field == field && r.Operator == FieldOperator.Equals)?.Value;

    private static bool Matches(KubeEvent e, LabelSelector labels, List<FieldRequirement> requirements) =>
        labels.Matches(e.Metadata.Labels) && requirements.All(r => r.Matches(field => KubeEventFields.ValueOf(e, field)));
}
