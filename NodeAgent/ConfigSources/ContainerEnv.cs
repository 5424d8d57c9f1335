using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.NodeAgent.ConfigSources;

/// <summary>A container's environment, or why it cannot be had yet (Kubernetes' CreateContainerConfigError message).
/// <paramref name="Skipped"/> says which envFrom keys were left out for not being variable names.</summary>
public sealed record EnvOutcome(IReadOnlyDictionary<string, string>? Env, string? Error, IReadOnlyList<string> Skipped);

/// <summary>Builds a container's environment as the kubelet does: every envFrom source in order (each key behind its
/// prefix, keys that are not valid names skipped), then env, whose entries win; a value from a ConfigMap or Secret key
/// or from the downward API. A required ConfigMap, Secret or key that is missing is an error with Kubernetes' words;
/// an optional one is left out.</summary>
public static class ContainerEnv
{
    public static async Task<EnvOutcome> ResolveAsync(Pod pod, Container container, string nodeAddress, IPodConfigLookup lookup,
        CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.Namespace!;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var source in container.EnvFrom ?? [])
        {
            Dictionary<string, string>? values;
            string what, name;
            if (source.ConfigMapRef is { } configMapRef)
            {
                (what, name) = ("configMap", configMapRef.Name);
                var configMap = lookup.ConfigMap(ns, name);
                if (configMap is null)
                {
                    if (configMapRef.Optional == true) continue;
                    return Failed($"configmap \"{name}\" not found");
                }
                values = configMap.Data ?? [];
            }
            else if (source.SecretRef is { } secretRef)
            {
                (what, name) = ("secret", secretRef.Name);
                var read = await ReadSecretAsync(lookup, ns, name, cancellationToken);
                if (read.Error is { } error) return Failed(error);
                if (read.Secret is null)
                {
                    if (secretRef.Optional == true) continue;
                    return Failed($"secret \"{name}\" not found");
                }
                values = (read.Secret.Data ?? []).ToDictionary(d => d.Key, d => Encoding.UTF8.GetString(d.Value), StringComparer.Ordinal);
            }
            else
            {
                continue;
            }
            var invalid = new List<string>();
            foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                var variable = (source.Prefix ?? "") + key;
                if (NameValidation.IsEnvVarName(variable).Count > 0) invalid.Add(key);
                else env[variable] = value;
            }
            if (invalid.Count > 0)
                skipped.Add($"Keys [{string.Join(", ", invalid)}] from the EnvFrom {what} {ns}/{name} were skipped since they are considered invalid environment variable names.");
        }

        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom is not { } from)
            {
                env[variable.Name] = variable.Value ?? "";
                continue;
            }
            if (from.ConfigMapKeyRef is { } configMapKey)
            {
                var configMap = lookup.ConfigMap(ns, configMapKey.Name);
                if (configMap is null)
                {
                    if (configMapKey.Optional == true) continue;
                    return Failed($"configmap \"{configMapKey.Name}\" not found");
                }
                if (configMap.Data?.TryGetValue(configMapKey.Key, out var value) != true)
                {
                    if (configMapKey.Optional == true) continue;
                    return Failed($"couldn't find key {configMapKey.Key} in ConfigMap {ns}/{configMapKey.Name}");
                }
                env[variable.Name] = value!;
            }
            else if (from.SecretKeyRef is { } secretKey)
            {
                var read = await ReadSecretAsync(lookup, ns, secretKey.Name, cancellationToken);
                if (read.Error is { } error) return Failed(error);
                if (read.Secret is null)
                {
                    if (secretKey.Optional == true) continue;
                    return Failed($"secret \"{secretKey.Name}\" not found");
                }
                if (read.Secret.Data?.TryGetValue(secretKey.Key, out var bytes) != true)
                {
                    if (secretKey.Optional == true) continue;
                    return Failed($"couldn't find key {secretKey.Key} in Secret {ns}/{secretKey.Name}");
                }
                env[variable.Name] = Encoding.UTF8.GetString(bytes!);
            }
            else
            {
                env[variable.Name] = FieldValue(pod, from.FieldRef?.FieldPath, nodeAddress) ?? "";
            }
        }
        return new EnvOutcome(env, null, skipped);

        EnvOutcome Failed(string error) => new(null, error, skipped);
    }

    /// <summary>The Secret, null when it does not exist, or the Api's failure to read it as an error message.</summary>
    internal static async Task<(Secret? Secret, string? Error)> ReadSecretAsync(IPodConfigLookup lookup, string @namespace, string name,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await lookup.SecretAsync(@namespace, name, cancellationToken), null);
        }
        catch (Exception ex) when (ClientRuntime.ApiClient.ApiRetry.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"secret \"{name}\" could not be read: {ex.Message}");
        }
    }

    // The downward API's fieldRef values the agent can answer.
    private static string? FieldValue(Pod pod, string? path, string address) => path switch
    {
        "metadata.name" => pod.Metadata.Name,
        "metadata.namespace" => pod.Metadata.Namespace,
        "metadata.uid" => pod.Metadata.Uid,
        "spec.nodeName" => pod.Spec.NodeName,
        "spec.serviceAccountName" => pod.Spec.ServiceAccountName,
        "status.podIP" or "status.hostIP" => address,
        _ => null,
    };
}
