namespace EventOrch.Api.Discovery;

/// <summary>A verb a route serves and the query parameters it honours; a bare verb name converts to one with none.</summary>
public sealed record ServedVerb(string Name, IReadOnlyList<QueryParameter> Parameters)
{
    public ServedVerb(string name) : this(name, []) { }

    public static implicit operator ServedVerb(string name) => new(name);
}
