using System.Net;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Marten;

namespace EventOrch.Tests.Integration.Controllers;

/// <summary>The garbage collector in the real Controllers host, beside the replica set controller, against a real Api:
/// a ReplicaSet deleted with propagationPolicy Orphan leaves its pods without an owner reference, with Foreground it
/// goes only after its pods (and a child ReplicaSet's pods) are gone.</summary>
public sealed class GarbageCollectorTests(ControllersFixture cluster) : IClassFixture<ControllersFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private const string MergePatch = "application/merge-patch+json";

    private async Task<(string Namespace, ReplicaSet ReplicaSet, List<Pod> Pods)> ReplicaSetWithPodsAsync(string name, int replicas,
        ReplicaSet? template = null)
    {
        var ns = await cluster.Client.CreateNamespaceAsync("gc");
        var rs = await cluster.Client.CreateReplicaSetAsync(template ?? TestReplicaSets.New(name, replicas), ns);
        return (ns, rs, await PodsOwnedByAsync(ns, rs, replicas));
    }

    private Task<List<Pod>> PodsOwnedByAsync(string ns, ReplicaSet owner, int expected) =>
        Eventually.WaitFor(async () => (await cluster.Client.ListPodsAsync(ns)).Items
                .Where(p => p.Metadata.OwnerReferences?.Any(r => r.Uid == owner.Metadata.Uid) == true).ToList(),
            pods => pods.Count == expected, $"{expected} pods owned by {owner.Metadata.Name}", Deadline);

    private Task<(HttpStatusCode Code, ReplicaSet? Body, HttpResponseMessage Response)> DeleteAsync(string ns, string name, string policy) =>
        cluster.Client.SendAsync<ReplicaSet>(HttpMethod.Delete, $"{TestReplicaSets.Path(ns)}/{name}?propagationPolicy={policy}");

    private Task WaitUntilGoneAsync(string ns, string name) =>
        Eventually.WaitFor(async () => (await cluster.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Get, $"{TestReplicaSets.Path(ns)}/{name}")).Code,
            code => code == HttpStatusCode.NotFound, $"ReplicaSet {name} to be deleted", Deadline);

    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> StreamAsync(IKubeObject obj)
    {
        await using var session = cluster.Store.QuerySession();
        return await session.Events.FetchStreamAsync(Guid.Parse(obj.Metadata.Uid!));
    }

    [Fact]
    public async Task Orphaning_a_replica_set_leaves_its_pods_without_an_owner_reference_then_deletes_it()
    {
        var (ns, rs, pods) = await ReplicaSetWithPodsAsync("orphaner", 3);

        var (code, deleting, _) = await DeleteAsync(ns, "orphaner", PropagationPolicies.Orphan);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.NotNull(deleting!.Metadata.DeletionTimestamp);
        Assert.Equal([GarbageCollectionFinalizers.Orphan], deleting.Metadata.Finalizers);

        await WaitUntilGoneAsync(ns, "orphaner");
        var left = (await cluster.Client.ListPodsAsync(ns)).Items;
        Assert.Equal(pods.Select(p => p.Metadata.Uid).Order(), left.Select(p => p.Metadata.Uid).Order());
        Assert.All(left, p => Assert.Null(p.Metadata.OwnerReferences));
        Assert.All(left, p => Assert.Null(p.Metadata.DeletionTimestamp));

        // Each release names the ReplicaSet's latest event as its cause: the delete that set the orphan finalizer, or
        // a status the replica set controller wrote after it.
        var rsEvents = await StreamAsync(rs);
        var marked = rsEvents.Single(e => e.Data is ReplicaSetMetadataChanged { Changes.DeletionTimestamp: not null });
        var causes = rsEvents.Where(e => e.Sequence >= marked.Sequence).Select(e => e.Id.ToString()).ToList();
        foreach (var pod in left) Assert.Contains((await StreamAsync(pod)).Last(e => e.Data is PodMetadataChanged).CausationId, causes);
    }

    [Fact]
    public async Task Deleting_a_replica_set_in_the_foreground_deletes_its_pods_first()
    {
        var (ns, rs, pods) = await ReplicaSetWithPodsAsync("foreground", 3);

        var (code, deleting, _) = await DeleteAsync(ns, "foreground", PropagationPolicies.Foreground);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal([GarbageCollectionFinalizers.ForegroundDeletion], deleting!.Metadata.Finalizers);

        await WaitUntilGoneAsync(ns, "foreground");
        Assert.Empty((await cluster.Client.ListPodsAsync(ns)).Items);
        var rsDeleted = (await StreamAsync(rs)).Single(e => e.Data is ReplicaSetDeleted).Sequence;
        foreach (var pod in pods) Assert.True((await StreamAsync(pod)).Single(e => e.Data is PodDeleted).Sequence < rsDeleted);
    }

    [Fact]
    public async Task A_replica_set_deleted_in_the_foreground_waits_for_a_pod_held_by_a_finalizer()
    {
        var (ns, _, pods) = await ReplicaSetWithPodsAsync("waiting", 1);
        var pod = Assert.Single(pods);
        var podPath = $"{ObjectClient.PodsPath(ns)}/{pod.Metadata.Name}";
        await cluster.Client.SendAsync<Pod>(HttpMethod.Patch, podPath, new { metadata = new { finalizers = new[] { "example.com/hold" } } }, MergePatch);

        await DeleteAsync(ns, "waiting", PropagationPolicies.Foreground);

        await Eventually.WaitFor(async () => (await cluster.Client.SendAsync<Pod>(HttpMethod.Get, podPath)).Body!,
            p => p.Metadata.DeletionTimestamp is not null, "the pod to be deleted by the garbage collector", Deadline);
        var (stillThere, waiting, _) = await cluster.Client.SendAsync<ReplicaSet>(HttpMethod.Get, $"{TestReplicaSets.Path(ns)}/waiting");
        Assert.Equal(HttpStatusCode.OK, stillThere);
        Assert.Equal([GarbageCollectionFinalizers.ForegroundDeletion], waiting!.Metadata.Finalizers);

        await cluster.Client.SendAsync<Pod>(HttpMethod.Patch, podPath, """{"metadata":{"finalizers":null}}""", MergePatch);
        await WaitUntilGoneAsync(ns, "waiting");
    }

    [Fact]
    public async Task Foreground_deletion_goes_down_a_chain_of_owners()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("gc");
        var parent = await cluster.Client.CreateReplicaSetAsync(TestReplicaSets.New("parent", 0), ns);
        var child = TestReplicaSets.New("child", 2);
        child = await cluster.Client.CreateReplicaSetAsync(child with
        {
            Metadata = child.Metadata with
            {
                OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "parent", Uid = parent.Metadata.Uid!, BlockOwnerDeletion = true }],
            },
        }, ns);
        var pods = await PodsOwnedByAsync(ns, child, 2);

        await DeleteAsync(ns, "parent", PropagationPolicies.Foreground);

        await WaitUntilGoneAsync(ns, "parent");
        Assert.Equal(HttpStatusCode.NotFound, (await cluster.Client.SendAsync<Status>(HttpMethod.Get, $"{TestReplicaSets.Path(ns)}/child")).Code);
        Assert.Empty((await cluster.Client.ListPodsAsync(ns)).Items);
        var childDeleted = (await StreamAsync(child)).Single(e => e.Data is ReplicaSetDeleted).Sequence;
        Assert.True(childDeleted < (await StreamAsync(parent)).Single(e => e.Data is ReplicaSetDeleted).Sequence);
        foreach (var pod in pods) Assert.True((await StreamAsync(pod)).Single(e => e.Data is PodDeleted).Sequence < childDeleted);
    }

    [Fact]
    public async Task A_child_replica_set_and_its_pods_are_collected_in_the_background_when_its_owner_goes()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("gc");
        var parent = await cluster.Client.CreateReplicaSetAsync(TestReplicaSets.New("parent", 0), ns);
        var child = TestReplicaSets.New("child", 2);
        child = await cluster.Client.CreateReplicaSetAsync(child with
        {
            Metadata = child.Metadata with
            {
                OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "parent", Uid = parent.Metadata.Uid!, Controller = true }],
            },
        }, ns);
        await PodsOwnedByAsync(ns, child, 2);

        var (code, _, _) = await DeleteAsync(ns, "parent", PropagationPolicies.Background);

        Assert.Equal(HttpStatusCode.OK, code);
        await WaitUntilGoneAsync(ns, "child");
        await Eventually.WaitFor(async () => (await cluster.Client.ListPodsAsync(ns)).Items.Count, n => n == 0, "the child's pods to be collected", Deadline);
    }
}
