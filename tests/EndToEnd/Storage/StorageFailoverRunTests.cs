using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using static EventOrch.Tests.EndToEnd.Storage.StorageWorkloads;

namespace EventOrch.Tests.EndToEnd.Storage;

/// <summary>Storage when nodes fail or are cordoned (./eo test runs two node agents): a pod on a `shared` claim whose
/// node agent is killed is replaced on the other node, which reads what the first wrote, the ReadWriteOnce attachment
/// moving only once the dead node's pod is deleted; a `local` claim keeps its pod on the node that holds its Docker
/// volume, and Delete reclaim removes that volume.</summary>
[Collection(Disruptive.Name)]
public sealed class StorageFailoverRunTests : IDisposable
{
    private readonly HttpClient _client = Cluster.AdminClient();
    private string _namespace = "";
    private string? _cordoned;

    [Fact]
    public async Task A_shared_claims_data_follows_its_pod_to_another_node_when_its_node_agent_dies()
    {
        _namespace = await _client.NewNamespaceAsync();
        await _client.CreateAsync($"/api/v1/namespaces/{_namespace}/persistentvolumeclaims", Claim("data", "shared"));
        await CreateReplicaSetAsync("writer");
        var first = (await _client.ReadyPodsAsync(_namespace, p => p.Count == 1, "the writer ready")).Single();
        var id = await IdOfAsync(first);
        var (_, volume) = await _client.BoundAsync(_namespace, "data");
        var attached = Assert.Single(await _client.AttachmentsAsync(volume.Metadata.Name!));
        Assert.Equal((first.Spec.NodeName, true), (attached.Spec.NodeName, attached.Status?.Attached));

        var dead = first.Spec.NodeName!;
        Cluster.Kill(Cluster.Pid($"node-agent-{dead}"));
        try
        {
            var replacement = (await _client.ReadyPodsAsync(_namespace, p => p.Count == 1 && p[0].Spec.NodeName != dead,
                "the writer replaced on the other node", 120)).Single();
            Assert.Equal(id, await IdOfAsync(replacement));
            // The attachment moved: one, to the new node; and it was created only after the dead node's pod was deleted.
            var moved = Assert.Single(await _client.AttachmentsAsync(volume.Metadata.Name!));
            Assert.Equal((replacement.Spec.NodeName, true), (moved.Spec.NodeName, moved.Status?.Attached));
            Assert.Null(await _client.GetOrNullAsync<Pod>($"/api/v1/namespaces/{_namespace}/pods/{first.Metadata.Name}"));
        }
        finally
        {
            Cluster.EoUp();
        }
    }

    [Fact]
    public async Task A_local_claim_keeps_its_pod_on_its_node_and_delete_reclaim_removes_its_docker_volume()
    {
        _namespace = await _client.NewNamespaceAsync();
        await _client.CreateAsync($"/api/v1/namespaces/{_namespace}/persistentvolumeclaims", Claim("data", "local"));
        await CreateReplicaSetAsync("pinned");
        var first = (await _client.ReadyPodsAsync(_namespace, p => p.Count == 1, "the pod ready")).Single();
        var id = await IdOfAsync(first);
        var (claim, volume) = await _client.BoundAsync(_namespace, "data");
        var node = first.Spec.NodeName!;
        Assert.Equal([node], AffinityNodes(volume));
        Assert.Equal($"eventorch-{volume.Metadata.Name}", Cluster.Docker($"volume ls -q --filter name=eventorch-{volume.Metadata.Name}").Trim());

        // With its node cordoned, the replacement of a deleted pod fits nowhere: the volume is on that node.
        await CordonAsync(node, true);
        await _client.DeletePodAsync(first.Metadata.Name!, _namespace);
        var pending = await Eventually.WaitFor(async () => (await _client.ListPodsAsync(_namespace)).Items.Where(p => p.Metadata.Uid != first.Metadata.Uid).ToList(),
            p => p.Count == 1 && p[0].Status.Condition(PodConditions.PodScheduled)?.Message?.Contains("volume node affinity conflict") == true,
            "the replacement unschedulable for the volume's node affinity", TimeSpan.FromSeconds(60));
        Assert.Null(pending[0].Spec.NodeName);
        await CordonAsync(node, false);
        var second = (await _client.ReadyPodsAsync(_namespace, p => p.Count == 1 && p[0].Metadata.Uid != first.Metadata.Uid, "the replacement ready", 60)).Single();
        Assert.Equal(node, second.Spec.NodeName);
        Assert.Equal(id, await IdOfAsync(second));

        // Delete reclaim: with the pods and the claim gone, the volume and its Docker volume go.
        await _client.DeleteAsync($"/apis/apps/v1/namespaces/{_namespace}/replicasets/pinned");
        await Eventually.WaitFor(async () => (await _client.ListPodsAsync(_namespace)).Items, p => p.Count == 0, "the pods gone", TimeSpan.FromSeconds(60));
        await _client.DeleteAsync($"/api/v1/namespaces/{_namespace}/persistentvolumeclaims/data");
        await Eventually.WaitFor(() => _client.VolumeAsync(claim.Spec.VolumeName!), v => v is null, "the volume deleted", TimeSpan.FromSeconds(60));
        await Eventually.WaitFor(() => Task.FromResult(Cluster.Docker($"volume ls -q --filter name=eventorch-{volume.Metadata.Name}").Trim()), v => v.Length == 0,
            "the Docker volume removed", TimeSpan.FromSeconds(30));
    }

    private Task CreateReplicaSetAsync(string app) => _client.CreateAsync($"/apis/apps/v1/namespaces/{_namespace}/replicasets", new ReplicaSet
    {
        Metadata = new ObjectMeta { Name = app },
        Spec = new ReplicaSetSpec { Replicas = 1, Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = app } }, Template = IdServer(app) },
    });

    private async Task CordonAsync(string node, bool cordon)
    {
        var (code, _, response) = await _client.SendAsync<Node>(HttpMethod.Patch, $"/api/v1/nodes/{node}", new { spec = new { unschedulable = cordon } },
            "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        _cordoned = cordon ? node : null;
    }

    public void Dispose()
    {
        if (_cordoned is not null) CordonAsync(_cordoned, false).GetAwaiter().GetResult();
        if (_namespace.Length > 0) _client.DeleteAsync($"/api/v1/namespaces/{_namespace}").GetAwaiter().GetResult();
        _client.Dispose();
    }
}
