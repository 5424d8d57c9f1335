using EventOrch.Contracts.Kinds;

namespace EventOrch.Api.Discovery;

/// <summary>What the Api serves, resource by resource, as the route mapping registers it (<c>MapResource</c>,
/// <c>MapScale</c>, <c>MapPodBinding</c>, ...). Discovery and the OpenAPI documents are built from it, so a kind
/// mapped later appears in both without a hand-kept list. Registering the same resource again adds verbs
/// and parameters (a watch route adding <c>watch</c> to a kind's list, say).</summary>
public sealed class ApiResourceRegistry
{
    private readonly Lock _lock = new();
    private readonly List<ServedResource> _resources = [];

    /// <summary>Moves on with every registration, so cached documents know when they are stale.</summary>
    public int Generation { get; private set; }

    public IReadOnlyList<ServedResource> Resources
    {
        get
        {
            lock (_lock) return [.. _resources];
        }
    }

    /// <summary>Registers a resource served with <paramref name="verbs"/>; <typeparamref name="T"/> is its object type.</summary>
    public ApiResourceRegistry Resource<T>(ResourceKind kind, params ServedVerb[] verbs) =>
        Add(new ServedResource(kind, null, GroupVersionKind.Of(kind), typeof(T), verbs));

    /// <summary>Registers a subresource of <paramref name="kind"/> that reads and writes a <typeparamref name="T"/> of
    /// <paramref name="responseKind"/> (the kind itself when null).</summary>
    public ApiResourceRegistry Subresource<T>(ResourceKind kind, string subresource, ResourceKind? responseKind, params ServedVerb[] verbs) =>
        Add(new ServedResource(kind, subresource, GroupVersionKind.Of(responseKind ?? kind), typeof(T), verbs));

    /// <summary>Registers a subresource that answers plain text (pods/log); discovery names the parent kind.</summary>
    public ApiResourceRegistry TextSubresource(ResourceKind kind, string subresource, params ServedVerb[] verbs) =>
        Add(new ServedResource(kind, subresource, GroupVersionKind.Of(kind), null, verbs));

    public ApiResourceRegistry Add(ServedResource resource)
    {
        lock (_lock)
        {
            var index = _resources.FindIndex(r => r.GroupVersion == resource.GroupVersion && r.Name == resource.Name);
            if (index < 0) _resources.Add(resource);
            else _resources[index] = _resources[index].With(resource.Verbs);
            Generation++;
        }
        return this;
    }
}

/// <summary>Access to the registry from the route mapping.</summary>
public static class ApiResourceRegistryExtensions
{
    public static ApiResourceRegistry ServedResources(this IEndpointRouteBuilder app) =>
        app.ServiceProvider.GetRequiredService<ApiResourceRegistry>();
}
