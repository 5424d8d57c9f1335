using EventOrch.Contracts.Kinds;

namespace EventOrch.Api.Discovery;

/// <summary>One resource or subresource the Api serves: what discovery lists and what OpenAPI describes.</summary>
/// <param name="Kind">The resource's kind; for a subresource, the kind of the resource it belongs to.</param>
/// <param name="Subresource">status, scale, binding, log, ...; null for the resource itself.</param>
/// <param name="ResponseKind">What the path reads and writes: the kind itself, or autoscaling/v1 Scale for scale, say.</param>
/// <param name="Body">The C# type of that object, for the OpenAPI schema; null when the path reads plain text (pods/log).</param>
/// <param name="Verbs">Kubernetes verbs the routes serve (get, list, watch, create, update, patch, delete), each with the
/// query parameters it honours.</param>
public sealed record ServedResource(ResourceKind Kind, string? Subresource, GroupVersionKind ResponseKind, Type? Body, IReadOnlyList<ServedVerb> Verbs)
{
    /// <summary>What the path answers when that is not <see cref="Body"/> (a binding answers a Status).</summary>
    public Type? Answer { get; init; }

    public IEnumerable<string> VerbNames => Verbs.Select(v => v.Name);

    public ServedVerb? Verb(string name) => Verbs.FirstOrDefault(v => v.Name == name);

    /// <summary>This resource with <paramref name="more"/> verbs served too; a verb served already gains their parameters.</summary>
    public ServedResource With(IEnumerable<ServedVerb> more)
    {
        var merged = Verbs.ToList();
        foreach (var verb in more)
        {
            var index = merged.FindIndex(v => v.Name == verb.Name);
            if (index < 0) merged.Add(verb);
            else merged[index] = merged[index] with { Parameters = merged[index].Parameters.Union(verb.Parameters).ToList() };
        }
        return this with { Verbs = merged };
    }

    /// <summary>The discovery name: <c>pods</c>, or <c>pods/status</c>.</summary>
    public string Name => Subresource is null ? Kind.Plural : $"{Kind.Plural}/{Subresource}";

    public string GroupVersion => Kind.ApiVersion;
}
