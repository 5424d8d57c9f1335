using System.Net;
using Docker.DotNet;
using EventOrch.Contracts.Model;
using EventOrch.Controllers.Storage;
using EventOrch.NodeAgent.Storage;
using EventOrch.Tests.Integration.KubeEvents;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Storage;

/// <summary>The binder, the provisioners and the protection controllers against a real Api: a claim binds to a fitting
/// static volume; a shared claim gets a directory under the shared root that Delete removes and Retain keeps; a claim a
/// pod uses is deleted only once the pod is gone; a local claim gets a Docker volume on its selected node.</summary>
public sealed class StorageControllersTests(StorageControllersFixture cluster) : IClassFixture<StorageControllersFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private const string Classes = "/apis/storage.k8s.io/v1/storageclasses";
    private const string Volumes = "/api/v1/persistentvolumes";
    private static string Claims(string ns) => $"/api/v1/namespaces/{ns}/persistentvolumeclaims";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    private async Task<T?> GetAsync<T>(string path) where T : class
    {
        var (code, body, _) = await cluster.Client.SendAsync<T>(HttpMethod.Get, path);
        return code == HttpStatusCode.OK ? body : null;
    }

    private async Task<T> WaitForAsync<T>(string path, Func<T?, bool> done, string what) where T : class
    {
        try
        {
            return (await Eventually.WaitFor(() => GetAsync<T>(path), done, what, Deadline))!;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{await cluster.Client.GetStringAsync(path)}", ex);
        }
    }

    private Task WaitUntilGoneAsync(string path) =>
        Eventually.WaitFor(async () => (await cluster.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Get, path)).Code,
            code => code == HttpStatusCode.NotFound, $"{path} to be gone", Deadline);

    private async Task DeleteAsync(string path)
    {
        var (code, _, response) = await cluster.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Delete, path);
        Assert.True(code is HttpStatusCode.OK or HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    // The claim's Kubernetes Events, oldest first: (reason, reporting component, message).
    private async Task<List<(string? Reason, string? Component, string? Message)>> ClaimEventsAsync(string ns, string claim)
    {
        var events = await cluster.Client.EventsAsync(ns, $"?fieldSelector=involvedObject.kind=PersistentVolumeClaim,involvedObject.name={claim}");
        return events.Items.OrderBy(e => e.EventTime).Select(e => (e.Reason, e.Source?.Component, e.Message)).ToList();
    }

    private static PersistentVolumeClaim Claim(string name, string size, string? storageClass, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Annotations = annotations },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = [PersistentVolumes.ReadWriteOnce],
            StorageClassName = storageClass,
            Resources = new ResourceRequirements { Requests = new() { ["storage"] = size } },
        },
    };

    private static PersistentVolume StaticVolume(string name, string size, string storageClass) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PersistentVolumeSpec
        {
            Capacity = new() { ["storage"] = size },
            AccessModes = [PersistentVolumes.ReadWriteOnce],
            StorageClassName = storageClass,
            HostPath = new HostPathVolumeSource { Path = "/tmp/" + name },
        },
    };

    private async Task<StorageClass> SharedClassAsync(string reclaimPolicy) => await cluster.Client.CreateAsync(Classes, new StorageClass
    {
        Metadata = new ObjectMeta { Name = Unique("shared") },
        Provisioner = StorageClasses.SharedProvisioner,
        ReclaimPolicy = reclaimPolicy,
        VolumeBindingMode = StorageClasses.BindingImmediate,
    });

    [Fact]
    public async Task The_default_classes_exist_once_the_controllers_lead()
    {
        var local = await WaitForAsync<StorageClass>($"{Classes}/{DefaultStorageClasses.Local}", c => c is not null, "the local class");
        var shared = await WaitForAsync<StorageClass>($"{Classes}/{DefaultStorageClasses.Shared}", c => c is not null, "the shared class");
        Assert.Equal(StorageClasses.LocalProvisioner, local.Provisioner);
        Assert.True(StorageClasses.IsDefault(local));
        Assert.Equal(StorageClasses.BindingWaitForFirstConsumer, local.VolumeBindingMode);
        Assert.Equal(StorageClasses.SharedProvisioner, shared.Provisioner);
        Assert.Equal(StorageClasses.BindingImmediate, shared.VolumeBindingMode);
        Assert.Equal(StorageClasses.ReclaimDelete, shared.ReclaimPolicy);
        Assert.True(local.AllowVolumeExpansion == true && shared.AllowVolumeExpansion == true);
    }

    [Fact]
    public async Task A_bound_claim_that_grows_gets_a_volume_of_its_new_size()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("grow");
        await WaitForAsync<StorageClass>($"{Classes}/{DefaultStorageClasses.Shared}", c => c is not null, "the shared class");
        await cluster.Client.CreateAsync(Claims(ns), Claim("data", "1Gi", DefaultStorageClasses.Shared));
        var bound = await WaitForAsync<PersistentVolumeClaim>($"{Claims(ns)}/data", c => c?.Status?.Phase == PersistentVolumes.Bound, "the claim to be Bound");
        Assert.Equal("1Gi", bound.Status!.Capacity!["storage"]);

        var (code, _, response) = await cluster.Client.SendAsync<PersistentVolumeClaim>(HttpMethod.Patch, $"{Claims(ns)}/data",
            new { spec = new { resources = new { requests = new { storage = "3Gi" } } } }, "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        await WaitForAsync<PersistentVolumeClaim>($"{Claims(ns)}/data", c => c?.Status?.Capacity?["storage"] == "3Gi", "the claim's capacity to be 3Gi");
        var volume = (await GetAsync<PersistentVolume>($"{Volumes}/{bound.Spec.VolumeName}"))!;
        Assert.Equal("3Gi", volume.Spec.Capacity!["storage"]);
        Assert.Equal(PersistentVolumes.Bound, volume.Status!.Phase);
        Assert.Contains(("VolumeResizeSuccessful", "external-resizer eventorch.io/shared",
            $"resize volume \"{volume.Metadata.Name}\" by resizer \"eventorch.io/shared\" finished successfully"), await ClaimEventsAsync(ns, "data"));
    }

    [Fact]
    public async Task A_claim_binds_to_the_smallest_static_volume_that_fits()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("bind");
        var storageClass = Unique("manual");
        var big = await cluster.Client.CreateAsync(Volumes, StaticVolume(Unique("big"), "10Gi", storageClass));
        var small = await cluster.Client.CreateAsync(Volumes, StaticVolume(Unique("small"), "2Gi", storageClass));
        // Both Available first: a claim binds among the volumes Available when it is looked at.
        foreach (var each in new[] { big, small })
            await WaitForAsync<PersistentVolume>($"{Volumes}/{each.Metadata.Name}", v => v?.Status?.Phase == PersistentVolumes.Available, "the volume to be Available");
        await cluster.Client.CreateAsync(Claims(ns), Claim("data", "1Gi", storageClass));

        var claim = await WaitForAsync<PersistentVolumeClaim>($"{Claims(ns)}/data", c => c?.Status?.Phase == PersistentVolumes.Bound, "the claim to be Bound");
        Assert.Equal(small.Metadata.Name, claim.Spec.VolumeName);
        Assert.Equal("2Gi", claim.Status!.Capacity!["storage"]);
        Assert.Equal("yes", claim.Metadata.Annotations![PersistentVolumes.BindCompletedAnnotation]);
        var volume = await WaitForAsync<PersistentVolume>($"{Volumes}/{small.Metadata.Name}", v => v?.Status?.Phase == PersistentVolumes.Bound, "the volume to be Bound");
        Assert.Equal(claim.Metadata.Uid, volume.Spec.ClaimRef!.Uid);
        Assert.Equal(PersistentVolumes.Available,
            (await WaitForAsync<PersistentVolume>($"{Volumes}/{big.Metadata.Name}", v => v?.Status?.Phase == PersistentVolumes.Available, "the big one Available")).Status!.Phase);

        // Its claim gone, a Retain volume is Released and stays.
        await DeleteAsync($"{Claims(ns)}/data");
        await WaitUntilGoneAsync($"{Claims(ns)}/data");
        await WaitForAsync<PersistentVolume>($"{Volumes}/{small.Metadata.Name}", v => v?.Status?.Phase == PersistentVolumes.Released, "the volume to be Released");
    }

    [Theory]
    [InlineData(StorageClasses.ReclaimDelete)]
    [InlineData(StorageClasses.ReclaimRetain)]
    public async Task A_shared_claim_gets_a_directory_that_its_reclaim_policy_deletes_or_keeps(string reclaimPolicy)
    {
        var ns = await cluster.Client.CreateNamespaceAsync("shared");
        var storageClass = await SharedClassAsync(reclaimPolicy);
        var created = await cluster.Client.CreateAsync(Claims(ns), Claim("data", "1Gi", storageClass.Metadata.Name));

        var claim = await WaitForAsync<PersistentVolumeClaim>($"{Claims(ns)}/data", c => c?.Status?.Phase == PersistentVolumes.Bound, "the claim to be Bound");
        Assert.Equal($"pvc-{created.Metadata.Uid}", claim.Spec.VolumeName);
        Assert.Equal(StorageClasses.SharedProvisioner, claim.Metadata.Annotations![PersistentVolumes.StorageProvisionerAnnotation]);
        var volume = (await GetAsync<PersistentVolume>($"{Volumes}/{claim.Spec.VolumeName}"))!;
        var directory = Path.Combine(cluster.SharedRoot, claim.Spec.VolumeName!);
        Assert.Equal(directory, volume.Spec.HostPath!.Path);
        Assert.Equal(reclaimPolicy, volume.Spec.PersistentVolumeReclaimPolicy);
        Assert.Equal(StorageClasses.SharedProvisioner, volume.Metadata.Annotations![PersistentVolumes.ProvisionedByAnnotation]);
        Assert.True(Directory.Exists(directory));
        await File.WriteAllTextAsync(Path.Combine(directory, "data.txt"), "kept?");
        // kubectl describe pvc: handed to the provisioner by the binder, then provisioned.
        Assert.Equal([
            ("ExternalProvisioning", "persistentvolume-controller",
                "waiting for a volume to be created, either by external provisioner \"eventorch.io/shared\" or manually created by system administrator"),
            ("ProvisioningSucceeded", StorageClasses.SharedProvisioner, $"Successfully provisioned volume {claim.Spec.VolumeName}")],
            await ClaimEventsAsync(ns, "data"));

        await DeleteAsync($"{Claims(ns)}/data");
        if (reclaimPolicy == StorageClasses.ReclaimDelete)
        {
            await WaitUntilGoneAsync($"{Volumes}/{claim.Spec.VolumeName}");
            Assert.False(Directory.Exists(directory));
        }
        else
        {
            await WaitForAsync<PersistentVolume>($"{Volumes}/{claim.Spec.VolumeName}", v => v?.Status?.Phase == PersistentVolumes.Released, "the volume to be Released");
            Assert.Equal("kept?", await File.ReadAllTextAsync(Path.Combine(directory, "data.txt")));
        }
    }

    [Fact]
    public async Task A_pending_claim_says_why_in_its_Events()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("why");
        await WaitForAsync<StorageClass>($"{Classes}/{DefaultStorageClasses.Local}", c => c is not null, "the local class");
        await cluster.Client.CreateAsync(Claims(ns), Claim("missing", "1Gi", "no-such-class"));
        await cluster.Client.CreateAsync(Claims(ns), Claim("waiting", "1Gi", DefaultStorageClasses.Local));

        Assert.Equal([("ProvisioningFailed", "persistentvolume-controller", "storageclass.storage.k8s.io \"no-such-class\" not found")],
            await ClaimEventsAsync(ns, "missing"));
        Assert.Equal([("WaitForFirstConsumer", "persistentvolume-controller", "waiting for first consumer to be created before binding")],
            await ClaimEventsAsync(ns, "waiting"));
        // Both stay Pending: nothing provisions a class that does not exist, and no pod has chosen a node for the other.
        foreach (var name in new[] { "missing", "waiting" })
            Assert.Equal(PersistentVolumes.Pending, (await GetAsync<PersistentVolumeClaim>($"{Claims(ns)}/{name}"))!.Status!.Phase);
    }

    [Fact]
    public async Task A_claim_a_pod_uses_is_deleted_only_once_the_pod_is_gone()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("inuse");
        var storageClass = await SharedClassAsync(StorageClasses.ReclaimDelete);
        await cluster.Client.CreateAsync(Claims(ns), Claim("data", "1Gi", storageClass.Metadata.Name));
        var pod = ObjectClient.NewPod("user");
        pod = pod with
        {
            Spec = pod.Spec with { Volumes = [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = "data" } }] },
        };
        var (podCode, _, podResponse) = await cluster.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Post, ObjectClient.PodsPath(ns), pod);
        Assert.True(podCode == HttpStatusCode.Created, await podResponse.Content.ReadAsStringAsync());
        var bound = await WaitForAsync<PersistentVolumeClaim>($"{Claims(ns)}/data", c => c?.Status?.Phase == PersistentVolumes.Bound, "the claim to be Bound");

        await DeleteAsync($"{Claims(ns)}/data");
        // The protection controller has had its chance and the claim is still there, deleting.
        await Eventually.WaitFor(() => cluster.Controllers.Get<EventOrch.ClientRuntime.Informers.Informer<PersistentVolumeClaim>>().Cache.Get(ns, "data")
            ?.Metadata.DeletionTimestamp is not null, "the controllers to see the delete", Deadline);
        var deleting = await GetAsync<PersistentVolumeClaim>($"{Claims(ns)}/data");
        Assert.NotNull(deleting!.Metadata.DeletionTimestamp);
        Assert.Contains(PersistentVolumes.PvcProtectionFinalizer, deleting.Metadata.Finalizers!);

        await DeleteAsync($"{ObjectClient.PodsPath(ns)}/user");
        await WaitUntilGoneAsync($"{Claims(ns)}/data");
        await WaitUntilGoneAsync($"{Volumes}/{bound.Spec.VolumeName}");
    }

    [Fact]
    public async Task A_local_claim_gets_a_docker_volume_on_its_selected_node_which_delete_removes()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("local");
        await WaitForAsync<StorageClass>($"{Classes}/{DefaultStorageClasses.Local}", c => c is not null, "the local class");
        var created = await cluster.Client.CreateAsync(Claims(ns), Claim("data", "1Gi", DefaultStorageClasses.Local,
            new() { [PersistentVolumes.SelectedNodeAnnotation] = cluster.Node }));

        var claim = await WaitForAsync<PersistentVolumeClaim>($"{Claims(ns)}/data", c => c?.Status?.Phase == PersistentVolumes.Bound, "the claim to be Bound");
        var volume = (await GetAsync<PersistentVolume>($"{Volumes}/{claim.Spec.VolumeName}"))!;
        Assert.Equal($"pvc-{created.Metadata.Uid}", volume.Metadata.Name);
        Assert.Equal(cluster.Node, LocalProvisioner.NodeOf(volume));
        using var docker = new DockerClientConfiguration().CreateClient();
        var engineVolume = await docker.Volumes.InspectAsync(LocalProvisioner.EngineVolumeName(volume.Metadata.Name!));
        Assert.Equal(engineVolume.Mountpoint, volume.Spec.Local!.Path);
        Assert.Equal(cluster.Node, engineVolume.Labels["io.eventorch.node"]);

        await DeleteAsync($"{Claims(ns)}/data");
        await WaitUntilGoneAsync($"{Volumes}/{volume.Metadata.Name}");
        var gone = await Assert.ThrowsAsync<DockerApiException>(() => docker.Volumes.InspectAsync(LocalProvisioner.EngineVolumeName(volume.Metadata.Name!)));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
