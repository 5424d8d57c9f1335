using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.EndToEnd.Storage;

/// <summary>What the storage run tests share: a claim, a pod template that keeps an id in its volume and serves it,
/// and reads of that id, of claims, volumes and attachments.</summary>
internal static class StorageWorkloads
{
    /// <summary>An httpd that, on first start, writes a random id to <c>/data/id</c> (only if none is there) and serves
    /// <c>/data</c>: the id a pod answers is the id of whoever first wrote the volume.</summary>
    public static PodTemplateSpec IdServer(string app, string? claim = "data") => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = app } },
        Spec = new PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            Containers = [new Container
            {
                Name = "httpd", Image = "eventorch/busybox:latest", ImagePullPolicy = "IfNotPresent",
                Command = ["sh", "-c", "[ -s /data/id ] || cat /proc/sys/kernel/random/uuid > /data/id; exec httpd -f -p 8080 -h /data"],
                Ports = [new ContainerPort { Name = "http", Number = 8080 }],
                ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Port = new IntOrString(8080), Path = "/id" }, PeriodSeconds = 1 },
                VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }],
            }],
            Volumes = claim is null ? null : [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = claim } }],
        },
    };

    public static PersistentVolumeClaim Claim(string name, string storageClass, string accessMode = PersistentVolumes.ReadWriteOnce) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = [accessMode],
            StorageClassName = storageClass,
            Resources = new ResourceRequirements { Requests = new() { ["storage"] = "16Mi" } },
        },
    };

    /// <summary>The id a ready pod serves from its volume, read on the address and port its node published.</summary>
    public static async Task<string> IdOfAsync(Pod pod)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var port = pod.Status!.ContainerStatuses![0].Ports![0].HostPort;
        return (await http.GetStringAsync($"http://{pod.Status.HostIP}:{port}/id")).Trim();
    }

    public static Task<PersistentVolumeClaim?> ClaimAsync(this HttpClient client, string ns, string name) =>
        client.GetOrNullAsync<PersistentVolumeClaim>($"/api/v1/namespaces/{ns}/persistentvolumeclaims/{name}");

    public static Task<PersistentVolume?> VolumeAsync(this HttpClient client, string name) =>
        client.GetOrNullAsync<PersistentVolume>($"/api/v1/persistentvolumes/{name}");

    /// <summary>The object at <paramref name="path"/>, or null when the Api answers 404.</summary>
    public static async Task<T?> GetOrNullAsync<T>(this HttpClient client, string path) where T : class
    {
        var (code, obj, response) = await client.SendAsync<T>(HttpMethod.Get, path);
        if (code == HttpStatusCode.NotFound) return null;
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return obj;
    }

    /// <summary>The claim once Bound, and the volume bound to it.</summary>
    public static async Task<(PersistentVolumeClaim Claim, PersistentVolume Volume)> BoundAsync(this HttpClient client, string ns, string name, int seconds = 60)
    {
        var claim = await Eventually.WaitFor(() => client.ClaimAsync(ns, name), c => c?.Status?.Phase == PersistentVolumes.Bound,
            $"claim {name} Bound", TimeSpan.FromSeconds(seconds));
        return (claim!, (await client.VolumeAsync(claim!.Spec.VolumeName!))!);
    }

    public static async Task<List<VolumeAttachment>> AttachmentsAsync(this HttpClient client, string volume) =>
        (await client.SendAsync<ObjectList<VolumeAttachment>>(HttpMethod.Get, "/apis/storage.k8s.io/v1/volumeattachments")).Body!.Items
            .Where(a => a.Spec.Source.PersistentVolumeName == volume).ToList();

    /// <summary>Nodes the claim's volume may be used from, by its node affinity's hostname terms (none: any).</summary>
    public static IEnumerable<string> AffinityNodes(PersistentVolume volume) =>
        volume.Spec.NodeAffinity?.Required?.NodeSelectorTerms.SelectMany(t => t.MatchExpressions ?? [])
            .Where(e => e.Key == "kubernetes.io/hostname").SelectMany(e => e.Values ?? []) ?? [];
}
