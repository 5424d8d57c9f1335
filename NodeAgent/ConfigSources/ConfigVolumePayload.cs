using System.Text;
using EventOrch.Contracts.Defaulting;
using EventOrch.Contracts.Model;

namespace EventOrch.NodeAgent.ConfigSources;

/// <summary>One file of a configMap or secret volume: its bytes and permission bits.</summary>
public sealed record VolumeFile(byte[] Content, int Mode);

/// <summary>The files a volume should hold (by path inside it), or why they cannot be had yet.</summary>
public sealed record VolumePayload(IReadOnlyDictionary<string, VolumeFile>? Files, string? Error);

/// <summary>What a configMap or secret volume holds, as the kubelet projects it: every key as a file named after it, or
/// only the listed items at their paths; each file with the item's mode, else the volume's defaultMode, else 0644. A
/// missing object or key is an error in Kubernetes' words unless the volume is optional (then it is left out).</summary>
public static class ConfigVolumePayload
{
    public static async Task<VolumePayload> ForAsync(Pod pod, Volume volume, IPodConfigLookup lookup, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.Namespace!;
        if (volume.ConfigMap is { } configMapSource)
        {
            var configMap = lookup.ConfigMap(ns, configMapSource.Name);
            if (configMap is null)
            {
                return configMapSource.Optional == true ? Empty : new VolumePayload(null, $"configmap \"{configMapSource.Name}\" not found");
            }
            var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (key, value) in configMap.Data ?? []) values[key] = Encoding.UTF8.GetBytes(value);
            foreach (var (key, value) in configMap.BinaryData ?? []) values[key] = value;
            return Project(values, configMapSource.Items, configMapSource.DefaultMode, configMapSource.Optional == true,
                key => $"configmap references non-existent config key: {key}");
        }
        if (volume.Secret is { } secretSource)
        {
            var name = secretSource.SecretName ?? "";
            var read = await ContainerEnv.ReadSecretAsync(lookup, ns, name, cancellationToken);
            if (read.Error is { } error) return new VolumePayload(null, error);
            if (read.Secret is null) return secretSource.Optional == true ? Empty : new VolumePayload(null, $"secret \"{name}\" not found");
            return Project(read.Secret.Data ?? [], secretSource.Items, secretSource.DefaultMode, secretSource.Optional == true,
                key => $"references non-existent secret key: {key}");
        }
        return Empty;
    }

    private static VolumePayload Empty { get; } = new(new Dictionary<string, VolumeFile>(), null);

    private static VolumePayload Project(IReadOnlyDictionary<string, byte[]> values, List<KeyToPath>? items, int? defaultMode, bool optional,
        Func<string, string> missingKey)
    {
        var mode = defaultMode ?? PodDefaults.DefaultVolumeMode;
        var files = new Dictionary<string, VolumeFile>(StringComparer.Ordinal);
        if (items is null)
        {
            foreach (var (key, value) in values) files[key] = new VolumeFile(value, mode);
            return new VolumePayload(files, null);
        }
        foreach (var item in items)
        {
            if (!values.TryGetValue(item.Key, out var value))
            {
                if (optional) continue;
                return new VolumePayload(null, missingKey(item.Key));
            }
            files[item.Path] = new VolumeFile(value, item.Mode ?? mode);
        }
        return new VolumePayload(files, null);
    }
}
