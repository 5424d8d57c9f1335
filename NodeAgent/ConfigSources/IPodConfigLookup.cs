using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Model;

namespace EventOrch.NodeAgent.ConfigSources;

/// <summary>Where a pod's ConfigMaps and Secrets come from.</summary>
public interface IPodConfigLookup
{
    /// <summary>The ConfigMap, or null when there is none.</summary>
    ConfigMap? ConfigMap(string @namespace, string name);

    /// <summary>The Secret, opened, or null when there is none; an Api failure throws.</summary>
    Task<Secret?> SecretAsync(string @namespace, string name, CancellationToken cancellationToken);
}

/// <summary>ConfigMaps from the agent's informer, Secrets from the <see cref="SecretStore"/>.</summary>
public sealed class PodConfigLookup(Informer<ConfigMap> configMaps, SecretStore secrets) : IPodConfigLookup
{
    public ConfigMap? ConfigMap(string @namespace, string name) => configMaps.Cache.Get(@namespace, name);

    public Task<Secret?> SecretAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        secrets.GetAsync(@namespace, name, cancellationToken);
}
