using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EventOrch.Contracts.Model;

namespace EventOrch.NodeAgent.ConfigSources;

/// <summary>Keeps the configMap and secret volumes of one node's pods in step with their objects: on every pass each
/// volume's files are computed again and, when they differ from what was last written, written anew with the
/// <see cref="AtomicWriter"/>. A container mounts the volume's directory read-only, so it sees a change within a pass or
/// two; one that mounts a single file through subPath keeps the file it started with, as in Kubernetes.</summary>
public sealed class ConfigVolumes(IPodConfigLookup lookup, TimeProvider time)
{
    // What was last written to each volume of each pod, as a digest of its files.
    private readonly ConcurrentDictionary<(string Uid, string Volume), string> _written = new();

    /// <summary>The directory of a volume of a pod.</summary>
    public static string PathOf(string volumeRoot, string volume) => Path.Combine(volumeRoot, volume);

    /// <summary>Brings every configMap and secret volume of <paramref name="pod"/> up to date under
    /// <paramref name="volumeRoot"/>; null when all are ready, else why the first that is not cannot be set up (its
    /// containers wait: the ones already running keep the files they have).</summary>
    public async Task<string?> SyncAsync(Pod pod, string volumeRoot, CancellationToken cancellationToken)
    {
        string? firstError = null;
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            if (volume.ConfigMap is null && volume.Secret is null) continue;
            var payload = await ConfigVolumePayload.ForAsync(pod, volume, lookup, cancellationToken);
            if (payload.Error is { } error)
            {
                firstError ??= $"MountVolume.SetUp failed for volume \"{volume.Name}\" : {error}";
                continue;
            }
            var directory = PathOf(volumeRoot, volume.Name);
            var key = (pod.Metadata.Uid!, volume.Name);
            var digest = Digest(payload.Files!);
            if (_written.TryGetValue(key, out var last) && last == digest && Directory.Exists(Path.Combine(directory, AtomicWriter.DataLink))) continue;
            try
            {
                AtomicWriter.Write(directory, payload.Files!, time.GetUtcNow());
                _written[key] = digest;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                firstError ??= $"MountVolume.SetUp failed for volume \"{volume.Name}\" : {ex.Message}";
            }
        }
        return firstError;
    }

    /// <summary>Forgets a pod that is gone (its directories go with the pod's).</summary>
    public void Forget(string uid)
    {
        foreach (var key in _written.Keys.Where(k => k.Uid == uid).ToList()) _written.TryRemove(key, out _);
    }

    private static string Digest(IReadOnlyDictionary<string, VolumeFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, file) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{path}\0{file.Mode}\0{file.Content.Length}\0"));
            hash.AppendData(file.Content);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
