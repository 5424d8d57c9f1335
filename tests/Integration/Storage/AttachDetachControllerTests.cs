using System.Net;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Integration.Controllers;
using EventOrch.Tests.Integration.KubeEvents;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Storage;

/// <summary>The attach/detach controller in the real Controllers host, against the real Api: a volume is attached to the
/// nodes of the pods that use its claim; a ReadWriteOnce volume stays on one node (Multi-Attach error on the other)
/// until the pods there are gone, and then moves; a ReadWriteMany volume is attached everywhere. Pods are given their
/// node at creation (no scheduler, no agent), and deleted at once, as the node lifecycle controller deletes the pods of
/// a dead node.</summary>
public sealed class AttachDetachControllerTests(ControllersFixture cluster) : IClassFixture<ControllersFixture>
{
    private const string Attachments = "/apis/storage.k8s.io/v1/volumeattachments";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    // A namespace, a volume of the given access mode and a claim bound to it (both sides written, as the binder does).
    private async Task<(string Ns, string Volume)> BoundClaimAsync(string accessMode)
    {
        var ns = Unique("ad");
        await cluster.Client.CreateAsync("/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        var volume = Unique("pv");
        await cluster.Client.CreateAsync("/api/v1/persistentvolumes", new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = volume },
            Spec = new PersistentVolumeSpec
            {
                Capacity = new() { ["storage"] = "1Gi" },
                AccessModes = [accessMode],
                StorageClassName = "",
                HostPath = new HostPathVolumeSource { Path = "/srv/" + volume },
                ClaimRef = new ObjectReference { Kind = "PersistentVolumeClaim", Namespace = ns, Name = "data" },
            },
        });
        await cluster.Client.CreateAsync($"/api/v1/namespaces/{ns}/persistentvolumeclaims", new PersistentVolumeClaim
        {
            Metadata = new ObjectMeta { Name = "data" },
            Spec = new PersistentVolumeClaimSpec
            {
                AccessModes = [accessMode],
                StorageClassName = "",
                VolumeName = volume,
                Resources = new ResourceRequirements { Requests = new() { ["storage"] = "1Gi" } },
            },
        });
        return (ns, volume);
    }

    private Task PodOnAsync(string ns, string name, string node) => cluster.Client.CreateAsync($"/api/v1/namespaces/{ns}/pods", new Pod
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PodSpec
        {
            NodeName = node,
            Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest", VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }] }],
            Volumes = [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = "data" } }],
        },
    });

    private async Task<List<VolumeAttachment>> AttachmentsOfAsync(string volume) =>
        (await cluster.Client.SendAsync<ObjectList<VolumeAttachment>>(HttpMethod.Get, Attachments)).Body!.Items
            .Where(a => a.Spec.Source.PersistentVolumeName == volume).ToList();

    private Task<List<VolumeAttachment>> WaitForAttachmentsAsync(string volume, Func<List<VolumeAttachment>, bool> done, string what) =>
        Eventually.WaitFor(() => AttachmentsOfAsync(volume), done, what, TimeSpan.FromSeconds(30));

    private static bool AttachedTo(List<VolumeAttachment> attachments, string node) =>
        attachments.Any(a => a.Spec.NodeName == node && a.Status?.Attached == true);

    [Fact]
    public async Task A_read_write_once_volume_moves_to_a_new_node_only_once_the_old_nodes_pod_is_gone()
    {
        var (ns, volume) = await BoundClaimAsync(PersistentVolumes.ReadWriteOnce);
        await PodOnAsync(ns, "old", "node-a");
        var attached = await WaitForAttachmentsAsync(volume, a => AttachedTo(a, "node-a"), "the volume attached to node-a");
        var first = Assert.Single(attached);
        Assert.Equal(VolumeAttachments.NameFor(volume, "node-a"), first.Metadata.Name);
        Assert.Equal(VolumeAttachments.Attacher, first.Spec.Attacher);

        await PodOnAsync(ns, "new", "node-b");
        var waiting = await WaitForAttachmentsAsync(volume, a => a.Any(x => x.Spec.NodeName == "node-b" && x.Status?.AttachError is not null),
            "node-b's attachment waiting with an error");
        var refused = waiting.Single(a => a.Spec.NodeName == "node-b");
        Assert.False(refused.Status!.Attached);
        Assert.StartsWith($"Multi-Attach error for volume \"{volume}\"", refused.Status.AttachError!.Message);
        Assert.True(AttachedTo(waiting, "node-a"));

        // The old node's pod goes (as the lifecycle controller deletes a dead node's pods): the attachment moves.
        await cluster.Client.DeleteAsync($"/api/v1/namespaces/{ns}/pods/old?gracePeriodSeconds=0");
        var moved = await WaitForAttachmentsAsync(volume, a => a.Count == 1 && AttachedTo(a, "node-b"), "the volume attached to node-b alone");
        Assert.Null(moved.Single().Status!.AttachError);
        // Both are Events on the record: kubectl describe volumeattachment shows the wait, then the attach.
        await cluster.Client.WaitForReasonsAsync(refused, EventReasons.FailedAttachVolume, EventReasons.SuccessfulAttachVolume);

        // And with no pod left, it is detached.
        await cluster.Client.DeleteAsync($"/api/v1/namespaces/{ns}/pods/new?gracePeriodSeconds=0");
        await WaitForAttachmentsAsync(volume, a => a.Count == 0, "no attachment left");
    }

    // A node whose agent reports the volume in use (as a node agent does while its containers mount it), Ready or not.
    private async Task<string> NodeReportingAsync(string volume, string ready = ConditionStatuses.True)
    {
        var node = Unique("node");
        await cluster.Client.CreateAsync("/api/v1/nodes", new Node { Metadata = new ObjectMeta { Name = node } });
        await ReportAsync(node, [VolumeAttachments.InUseName(volume)], ready);
        return node;
    }

    private async Task ReportAsync(string node, string[] inUse, string ready)
    {
        var (code, _, response) = await cluster.Client.SendAsync<Node>(HttpMethod.Patch, $"/api/v1/nodes/{node}/status", new
        {
            status = new
            {
                conditions = new[] { new { type = NodeConditions.Ready, status = ready, reason = "Test", message = "test" } },
                volumesInUse = inUse,
            },
        }, "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_force_deleted_pods_volume_stays_attached_while_its_ready_node_reports_it_in_use(bool nodeBecomesUnreachable)
    {
        var (ns, volume) = await BoundClaimAsync(PersistentVolumes.ReadWriteOnce);
        var old = await NodeReportingAsync(volume);
        await PodOnAsync(ns, "old", old);
        await WaitForAttachmentsAsync(volume, a => AttachedTo(a, old), "the volume attached to the old node");
        await PodOnAsync(ns, "new", "node-b");

        // The pod object is gone at once, but its containers may still run: the old node still says the volume is in use.
        // A third pod, created after the delete, shows the controller has seen it: the volume has not moved.
        await cluster.Client.DeleteAsync($"/api/v1/namespaces/{ns}/pods/old?gracePeriodSeconds=0");
        await PodOnAsync(ns, "third", "node-c");
        var held = await WaitForAttachmentsAsync(volume, a => a.Any(x => x.Spec.NodeName == "node-c" && x.Status?.AttachError is not null),
            "node-c's attachment waiting with an error");
        Assert.True(AttachedTo(held, old));
        Assert.Contains($"(attached to node \"{old}\")", held.Single(a => a.Spec.NodeName == "node-c").Status!.AttachError!.Message);

        // Its agent stops reporting it (the containers are gone), or the node is declared unreachable: the volume moves.
        if (nodeBecomesUnreachable) await ReportAsync(old, [VolumeAttachments.InUseName(volume)], ConditionStatuses.Unknown);
        else await ReportAsync(old, [], ConditionStatuses.True);
        var moved = await WaitForAttachmentsAsync(volume, a => a.Count == 2 && a.Count(x => x.Status?.Attached == true) == 1 && a.All(x => x.Spec.NodeName != old),
            "the volume detached from the old node and attached to one of the others");
        Assert.Contains(moved, a => a.Spec.NodeName == "node-b");
    }

    [Fact]
    public async Task A_read_write_many_volume_is_attached_to_every_node_that_uses_it()
    {
        var (ns, volume) = await BoundClaimAsync(PersistentVolumes.ReadWriteMany);
        await PodOnAsync(ns, "one", "node-a");
        await PodOnAsync(ns, "two", "node-b");
        await WaitForAttachmentsAsync(volume, a => a.Count == 2 && AttachedTo(a, "node-a") && AttachedTo(a, "node-b"), "attached to both nodes");
    }

    [Fact]
    public async Task An_attachments_spec_never_changes_and_a_bad_one_is_refused_with_the_field()
    {
        var (ns, volume) = await BoundClaimAsync(PersistentVolumes.ReadWriteOnce);
        await PodOnAsync(ns, "user", "node-a");
        var attachment = (await WaitForAttachmentsAsync(volume, a => AttachedTo(a, "node-a"), "attached")).Single();

        var created = await cluster.EventCountAsync<VolumeAttachmentCreated>();
        var (code, status, _) = await cluster.Client.SendAsync<Status>(HttpMethod.Put, $"{Attachments}/{attachment.Metadata.Name}",
            attachment with { Spec = attachment.Spec with { NodeName = "node-z" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "spec" && c.Message!.Contains("field is immutable"));

        (code, status, _) = await cluster.Client.SendAsync<Status>(HttpMethod.Post, Attachments, new VolumeAttachment
        {
            Metadata = new ObjectMeta { Name = Unique("va") },
            Spec = new VolumeAttachmentSpec { NodeName = "Not_A_Node" },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "spec.attacher");
        Assert.Contains(status.Details.Causes!, c => c.Field == "spec.nodeName");
        Assert.Contains(status.Details.Causes!, c => c.Field == "spec.source" && c.Message!.Contains("must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
        Assert.Equal(created, await cluster.EventCountAsync<VolumeAttachmentCreated>());
        Assert.Equal(attachment.Spec, (await AttachmentsOfAsync(volume)).Single().Spec);
    }
}
