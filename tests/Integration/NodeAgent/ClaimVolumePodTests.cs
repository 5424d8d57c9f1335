using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.Runtime;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.NodeAgent;

/// <summary>Pods that mount claims and host paths, on the real Docker Engine: a claim's bound volume's data in the
/// container, subPath, read-only mounts, hostPath types, and a pod that waits for its volume to be attached.</summary>
public sealed class ClaimVolumePodTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Image = "eventorch/busybox:latest";
    private const string Claims = "/api/v1/namespaces/default/persistentvolumeclaims";
    private const string Volumes = "/api/v1/persistentvolumes";
    private HttpClient Client => cluster.Client;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 7)];

    private static string HostDirectory()
    {
        var path = Directory.CreateTempSubdirectory("eo-claim-test-").FullName;
        return path;
    }

    /// <summary>A volume and a claim bound to it (as the binder would leave them), the claim's status Bound.</summary>
    private async Task<(string Claim, string Volume)> BoundClaimAsync(PersistentVolumeSpec source)
    {
        var (claim, volume) = (Unique("data"), Unique("pv"));
        await Client.CreateAsync(Volumes, new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = volume },
            Spec = source with
            {
                Capacity = new() { ["storage"] = "1Gi" }, AccessModes = [PersistentVolumes.ReadWriteOnce], StorageClassName = "",
                ClaimRef = new ObjectReference { Kind = "PersistentVolumeClaim", Namespace = "default", Name = claim },
            },
        });
        var created = await Client.CreateAsync(Claims, new PersistentVolumeClaim
        {
            Metadata = new ObjectMeta { Name = claim },
            Spec = new PersistentVolumeClaimSpec
            {
                AccessModes = [PersistentVolumes.ReadWriteOnce], StorageClassName = "", VolumeName = volume,
                Resources = new ResourceRequirements { Requests = new() { ["storage"] = "1Gi" } },
            },
        });
        var (code, _, response) = await Client.SendAsync<PersistentVolumeClaim>(HttpMethod.Put, $"{Claims}/{claim}/status",
            created with { Status = new PersistentVolumeClaimStatus { Phase = PersistentVolumes.Bound, Capacity = new() { ["storage"] = "1Gi" } } });
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (claim, volume);
    }

    /// <summary>Attaches the volume to the fixture's node as the attach/detach controller would: the attachment, then its status.</summary>
    private Task AttachAsync(string volume) => SetAttachmentAsync(volume, new VolumeAttachmentStatus { Attached = true });

    // The volume's attachment to this node, made if missing, with the status an attacher would give it.
    private async Task SetAttachmentAsync(string volume, VolumeAttachmentStatus status)
    {
        var path = $"/apis/storage.k8s.io/v1/volumeattachments/{VolumeAttachments.NameFor(volume, cluster.NodeName)}";
        var (_, attachment, _) = await Client.SendAsync<VolumeAttachment>(HttpMethod.Get, path);
        if (attachment is null)
        {
            attachment = await Client.CreateAsync("/apis/storage.k8s.io/v1/volumeattachments", new VolumeAttachment
            {
                Metadata = new ObjectMeta { Name = VolumeAttachments.NameFor(volume, cluster.NodeName) },
                Spec = new VolumeAttachmentSpec
                {
                    Attacher = VolumeAttachments.Attacher, NodeName = cluster.NodeName, Source = new VolumeAttachmentSource { PersistentVolumeName = volume },
                },
            });
        }
        var (code, _, response) = await Client.SendAsync<VolumeAttachment>(HttpMethod.Put, $"{path}/status", attachment! with { Status = status });
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static Pod NewPod(string name, Container container, params Volume[] volumes) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PodSpec { Containers = [container], Volumes = [.. volumes], TerminationGracePeriodSeconds = 1 },
    };

    private static Container Sleeper(params VolumeMount[] mounts) =>
        new() { Name = "c", Image = Image, Command = ["sh", "-c", "exec sleep 3600"], VolumeMounts = [.. mounts] };

    private static Volume ClaimVolume(string name, string claim, bool readOnly = false) =>
        new() { Name = name, PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = claim, ReadOnly = readOnly ? true : null } };

    private async Task<string> ExecAsync(string pod, string script)
    {
        using var runtime = ClusterFixture.NewDockerRuntime();
        var container = (await runtime.ListAsync(cluster.NodeName, CancellationToken.None))
            .Single(c => c.Labels[RuntimeLabels.PodName] == pod && c.Labels.GetValueOrDefault(RuntimeLabels.Role) == RuntimeLabels.ContainerRole
                && c.State.State == ContainerRunState.Running);
        var result = await runtime.ExecAsync(container.Id, ["sh", "-c", script], TimeSpan.FromSeconds(10), CancellationToken.None);
        return result.Output.Trim();
    }

    private Task<Pod> WaitingAsync(string pod, string message) => cluster.WaitForPodAsync(pod,
        p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Message == message, $"{pod} waiting with: {message}");

    [Fact]
    public async Task A_claim_backed_volume_shows_its_data_through_sub_path_and_read_only_mounts()
    {
        var host = HostDirectory();
        await File.WriteAllTextAsync(Path.Combine(host, "greeting"), "hello from the volume");
        var (claim, volume) = await BoundClaimAsync(new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = host, Type = "Directory" } });
        var (readOnlyClaim, readOnlyVolume) = await BoundClaimAsync(new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = host } });
        await AttachAsync(volume);
        await AttachAsync(readOnlyVolume);
        var pod = Unique("claimed");

        await Client.CreateAsync(ObjectClient.PodsPath(), NewPod(pod, Sleeper(
                new VolumeMount { Name = "data", MountPath = "/data" },
                new VolumeMount { Name = "data", MountPath = "/logs", SubPath = "app/logs" },
                new VolumeMount { Name = "data", MountPath = "/ro", ReadOnly = true },
                new VolumeMount { Name = "locked", MountPath = "/locked" }),
            ClaimVolume("data", claim), ClaimVolume("locked", readOnlyClaim, readOnly: true)));
        await cluster.WaitForPodAsync(pod, p => p.IsReady(), $"{pod} running");

        Assert.Equal("hello from the volume", await ExecAsync(pod, "cat /data/greeting"));
        Assert.Equal("written", await ExecAsync(pod, "echo line > /logs/app.log && echo written"));
        Assert.Equal("line\n", await File.ReadAllTextAsync(Path.Combine(host, "app", "logs", "app.log")));
        Assert.Equal("hello from the volume", await ExecAsync(pod, "cat /ro/greeting"));
        Assert.Equal("read-only", await ExecAsync(pod, "touch /ro/new 2>/dev/null && echo writable || echo read-only"));
        Assert.Equal("read-only", await ExecAsync(pod, "touch /locked/new 2>/dev/null && echo writable || echo read-only"));
        Assert.False(File.Exists(Path.Combine(host, "new")));
    }

    [Fact]
    public async Task A_pod_waits_in_ContainerCreating_until_its_volume_is_attached_to_the_node_and_then_starts()
    {
        var host = HostDirectory();
        await File.WriteAllTextAsync(Path.Combine(host, "state"), "kept");
        var (claim, volume) = await BoundClaimAsync(new PersistentVolumeSpec
        {
            Local = new LocalVolumeSource { Path = host },
            NodeAffinity = new VolumeNodeAffinity
            {
                Required = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = WellKnownLabels.Hostname, Operator = "In", Values = [cluster.NodeName] }] }],
                },
            },
        });
        var pod = Unique("attach");

        await Client.CreateAsync(ObjectClient.PodsPath(), NewPod(pod, Sleeper(new VolumeMount { Name = "data", MountPath = "/data" }), ClaimVolume("data", claim)));

        var attachment = VolumeAttachments.NameFor(volume, cluster.NodeName);
        var waiting = await WaitingAsync(pod,
            $"MountVolume.SetUp failed for volume \"data\" : volume \"{volume}\" is not attached to node \"{cluster.NodeName}\" yet (volumeattachment \"{attachment}\")");
        Assert.Equal("ContainerCreating", waiting.Status!.ContainerStatuses![0].State!.Waiting!.Reason);
        Assert.Equal(PodPhases.Pending, waiting.Status.Phase);

        // Held by another node: the pod says why, in the attacher's words.
        const string multiAttach = "Multi-Attach error for volume Volume is already exclusively attached to one node and can't be attached to another";
        await SetAttachmentAsync(volume, new VolumeAttachmentStatus { AttachError = new VolumeError { Message = multiAttach } });
        await WaitingAsync(pod, $"MountVolume.SetUp failed for volume \"data\" : AttachVolume.Attach failed for volume \"{volume}\" : {multiAttach}");

        await AttachAsync(volume);

        await cluster.WaitForPodAsync(pod, p => p.IsReady(), $"{pod} running once its volume is attached");
        Assert.Equal("kept", await ExecAsync(pod, "cat /data/state"));
    }

    private async Task<List<string>> VolumesInUseAsync() =>
        (await Client.SendAsync<Node>(HttpMethod.Get, $"/api/v1/nodes/{cluster.NodeName}")).Body!.Status?.VolumesInUse ?? [];

    [Fact]
    public async Task The_node_reports_a_claims_volume_in_use_from_before_its_container_starts_until_the_container_is_gone()
    {
        var (claim, volume) = await BoundClaimAsync(new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = HostDirectory() } });
        await AttachAsync(volume);
        var pod = Unique("inuse");
        await Client.CreateAsync(ObjectClient.PodsPath(), NewPod(pod, Sleeper(new VolumeMount { Name = "data", MountPath = "/data" }), ClaimVolume("data", claim)));
        await cluster.WaitForPodAsync(pod, p => p.IsReady(), $"{pod} running");

        Assert.Contains(VolumeAttachments.InUseName(volume), await VolumesInUseAsync());
        using var runtime = ClusterFixture.NewDockerRuntime();
        var container = (await runtime.ListAsync(cluster.NodeName, CancellationToken.None))
            .Single(c => c.Labels[RuntimeLabels.PodName] == pod && c.Labels.GetValueOrDefault(RuntimeLabels.Role) == RuntimeLabels.ContainerRole);
        Assert.Equal(volume, container.Labels[RuntimeLabels.Volumes]);

        // Force-deleted: the pod object goes at once; the volume stays in use until the agent has removed the container.
        await Client.DeleteAsync($"{ObjectClient.PodsPath()}/{pod}?gracePeriodSeconds=0");
        await Eventually.WaitFor(VolumesInUseAsync, inUse => !inUse.Contains(VolumeAttachments.InUseName(volume)), "the volume no longer in use",
            TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(await runtime.ListAsync(cluster.NodeName, CancellationToken.None), c => c.Labels.GetValueOrDefault(RuntimeLabels.PodName) == pod);
    }

    [Fact]
    public async Task A_finished_pod_no_longer_holds_its_volume_in_use()
    {
        var (claim, volume) = await BoundClaimAsync(new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = HostDirectory() } });
        await AttachAsync(volume);
        var pod = Unique("done");
        var job = NewPod(pod, Sleeper(new VolumeMount { Name = "data", MountPath = "/data" }) with { Command = ["sh", "-c", "echo done > /data/out"] },
            ClaimVolume("data", claim));
        await Client.CreateAsync(ObjectClient.PodsPath(), job with { Spec = job.Spec with { RestartPolicy = "Never" } });

        await cluster.WaitForPodAsync(pod, p => p.Status?.Phase == PodPhases.Succeeded, $"{pod} succeeded");
        // The pod object stays, finished: its volume may move to another node.
        await Eventually.WaitFor(VolumesInUseAsync, inUse => !inUse.Contains(VolumeAttachments.InUseName(volume)), "the volume no longer in use",
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_claim_that_is_not_bound_keeps_the_pod_waiting_with_the_kubelets_message()
    {
        var claim = Unique("pending");
        await Client.CreateAsync(Claims, new PersistentVolumeClaim
        {
            Metadata = new ObjectMeta { Name = claim },
            Spec = new PersistentVolumeClaimSpec
            {
                AccessModes = [PersistentVolumes.ReadWriteOnce], StorageClassName = "",
                Resources = new ResourceRequirements { Requests = new() { ["storage"] = "1Gi" } },
            },
        });
        var pod = Unique("unbound");
        // Straight to the node: the scheduler would rightly keep a pod of an unbound Immediate claim pending.
        await Client.CreateAsync(ObjectClient.PodsPath(), NewPod(pod, Sleeper(new VolumeMount { Name = "data", MountPath = "/data" }), ClaimVolume("data", claim)) with
        {
            Spec = NewPod(pod, Sleeper(new VolumeMount { Name = "data", MountPath = "/data" }), ClaimVolume("data", claim)).Spec with { NodeName = cluster.NodeName },
        });

        await WaitingAsync(pod, $"MountVolume.SetUp failed for volume \"data\" : PVC default/{claim} has non-bound phase (\"Pending\") or empty pvc.Spec.VolumeName (\"\")");
    }

    [Fact]
    public async Task Host_path_types_create_what_OrCreate_asks_for_and_a_path_of_the_wrong_kind_keeps_the_pod_waiting()
    {
        var host = HostDirectory();
        var (created, file) = (Path.Combine(host, "made", "here"), Path.Combine(host, "made.conf"));
        var pod = Unique("hostpath");

        await Client.CreateAsync(ObjectClient.PodsPath(), NewPod(pod, Sleeper(new VolumeMount { Name = "dir", MountPath = "/dir" }, new VolumeMount { Name = "file", MountPath = "/etc/app.conf" }),
            new Volume { Name = "dir", HostPath = new HostPathVolumeSource { Path = created, Type = "DirectoryOrCreate" } },
            new Volume { Name = "file", HostPath = new HostPathVolumeSource { Path = file, Type = "FileOrCreate" } }));
        await cluster.WaitForPodAsync(pod, p => p.IsReady(), $"{pod} running");

        Assert.True(Directory.Exists(created));
        Assert.True(File.Exists(file));
        Assert.Equal("regular empty file", await ExecAsync(pod, "stat -c %F /etc/app.conf"));

        var wrong = Unique("wrongkind");
        await Client.CreateAsync(ObjectClient.PodsPath(), NewPod(wrong, Sleeper(new VolumeMount { Name = "file", MountPath = "/etc/app.conf" }),
            new Volume { Name = "file", HostPath = new HostPathVolumeSource { Path = host, Type = "File" } }));
        var waiting = await WaitingAsync(wrong, $"MountVolume.SetUp failed for volume \"file\" : hostPath type check failed: {host} is not a file");
        Assert.Equal("ContainerCreating", waiting.Status!.ContainerStatuses![0].State!.Waiting!.Reason);
    }

    [Fact]
    public async Task A_sub_path_that_leads_out_of_its_volume_through_a_link_is_refused()
    {
        var host = HostDirectory();
        var outside = HostDirectory();
        File.CreateSymbolicLink(Path.Combine(host, "escape"), outside);
        var pod = Unique("escape");

        await Client.CreateAsync(ObjectClient.PodsPath(), NewPod(pod, Sleeper(new VolumeMount { Name = "data", MountPath = "/data", SubPath = "escape" }),
            new Volume { Name = "data", HostPath = new HostPathVolumeSource { Path = host, Type = "Directory" } }));

        var waiting = await WaitingAsync(pod, "failed to prepare subPath for volumeMount \"data\" of container \"c\"");
        Assert.Equal("CreateContainerConfigError", waiting.Status!.ContainerStatuses![0].State!.Waiting!.Reason);
    }
}
