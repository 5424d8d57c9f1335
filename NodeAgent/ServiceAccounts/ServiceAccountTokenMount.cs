using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.ConfigSources;

namespace EventOrch.NodeAgent.ServiceAccounts;

/// <summary>What the kubelet's projected <c>kube-api-access</c> volume gives a pod: its ServiceAccount's token (asked of
/// the Api as a TokenRequest bound to the pod, and asked again at 80 % of its life), the Api's CA and the namespace, as
/// the files <c>token</c>, <c>ca.crt</c> and <c>namespace</c> of a directory the agent writes with the
/// <see cref="AtomicWriter"/> and every container mounts read-only at
/// <c>/var/run/secrets/kubernetes.io/serviceaccount</c>; unless the pod, or else its ServiceAccount, sets
/// automountServiceAccountToken to false. The pod's spec shows no volume for it (EventOrch has no projected volumes).</summary>
public sealed class ServiceAccountTokenMount(KubeApiClient api, ServiceAccountTokenOptions options, Uri kubernetesService, TimeProvider time)
{
    /// <summary>The directory under a pod's volume root: a name no pod volume can have (volume names are DNS labels).</summary>
    public const string DirectoryName = ".kube-api-access";

    private sealed record Issued(string Token, DateTimeOffset At, DateTimeOffset Expires)
    {
        public bool Due(DateTimeOffset now) => now >= At + (Expires - At) * 0.8;
    }

    private readonly ConcurrentDictionary<string, bool> _mounts = new();
    private readonly ConcurrentDictionary<string, Issued> _issued = new();

    public static string PathOf(string volumeRoot) => Path.Combine(volumeRoot, DirectoryName);

    /// <summary>KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, set in every container before its own env.</summary>
    public IReadOnlyDictionary<string, string> Env { get; } = new Dictionary<string, string>
    {
        ["KUBERNETES_SERVICE_HOST"] = kubernetesService.Host,
        ["KUBERNETES_SERVICE_PORT"] = kubernetesService.Port.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The directory to mount into the pod's containers, or null when the pod gets no token.</summary>
    public string? MountedDirectory(Pod pod, string volumeRoot) =>
        _mounts.TryGetValue(pod.Metadata.Uid!, out var mount) && mount ? PathOf(volumeRoot) : null;

    /// <summary>Writes (or refreshes) the pod's files; null when they are there, else why not (its containers wait).</summary>
    public async Task<string?> SyncAsync(Pod pod, string volumeRoot, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid!;
        var ns = pod.Metadata.Namespace!;
        var account = pod.Spec.ServiceAccountName ?? ServiceAccountNames.Default;
        try
        {
            if (!_mounts.TryGetValue(uid, out var mount))
            {
                mount = pod.Spec.AutomountServiceAccountToken
                    ?? (await api.GetAsync<ServiceAccount>(ResourceKind.ServiceAccount, ns, account, cancellationToken))?.AutomountServiceAccountToken
                    ?? true;
                _mounts[uid] = mount;
            }
            if (!mount) return null;

            var now = time.GetUtcNow();
            var directory = PathOf(volumeRoot);
            if (_issued.TryGetValue(uid, out var issued) && !issued.Due(now) && Directory.Exists(Path.Combine(directory, AtomicWriter.DataLink))) return null;
            try
            {
                issued = await RequestAsync(pod, account, cancellationToken);
            }
            catch (Exception ex) when (issued is not null && issued.Expires > now && ex is ApiException or HttpRequestException)
            {
                // The token the pod has is still good: try again on the next pass.
                return null;
            }
            var files = new Dictionary<string, VolumeFile>(StringComparer.Ordinal)
            {
                ["token"] = new(Encoding.UTF8.GetBytes(issued.Token), Mode),
                ["namespace"] = new(Encoding.UTF8.GetBytes(ns), Mode),
            };
            if (!string.IsNullOrEmpty(options.CaFile)) files["ca.crt"] = new(await File.ReadAllBytesAsync(options.CaFile, cancellationToken), Mode);
            AtomicWriter.Write(directory, files, now);
            _issued[uid] = issued;
            return null;
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            var why = ex is ApiException api ? api.Status.Message : ex.Message;
            return $"MountVolume.SetUp failed for volume \"kube-api-access\" : {why}";
        }
    }

    /// <summary>Forgets a pod that is gone (its directory goes with the pod's).</summary>
    public void Forget(string uid)
    {
        _mounts.TryRemove(uid, out _);
        _issued.TryRemove(uid, out _);
    }

    // 0644, as the kubelet's projected volume writes them.
    private const int Mode = 420;

    private async Task<Issued> RequestAsync(Pod pod, string account, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["kind"] = "TokenRequest",
            ["spec"] = new JsonObject
            {
                ["expirationSeconds"] = options.ExpirationSeconds,
                ["boundObjectRef"] = new JsonObject { ["kind"] = "Pod", ["apiVersion"] = "v1", ["name"] = pod.Metadata.Name, ["uid"] = pod.Metadata.Uid },
            },
        };
        var path = $"{KubeApiClient.ItemPath(ResourceKind.ServiceAccount, pod.Metadata.Namespace, account)}/token";
        var answer = await api.SendJsonAsync(HttpMethod.Post, path, body, cancellationToken: cancellationToken);
        var token = answer["status"]?["token"]?.GetValue<string>() ?? throw new InvalidOperationException("the TokenRequest answer holds no token");
        var expires = DateTimeOffset.Parse(answer["status"]!["expirationTimestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        return new Issued(token, time.GetUtcNow(), expires);
    }
}
