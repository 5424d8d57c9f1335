using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Placement;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;

namespace EventOrch.Tests.Unit.Scheduler;

public class SchedulerCacheTests
{
    private static Pod Bound(Pod pod, string node) => pod with { Spec = pod.Spec with { NodeName = node } };

    private static Dictionary<string, string[]> PodsByNode(SchedulerCache cache) =>
        cache.Snapshot().ToDictionary(n => n.Name, n => n.Pods.Select(p => p.Metadata.Name!).Order().ToArray());

    private static SchedulerCache WithNodes(params string[] names)
    {
        var cache = new SchedulerCache();
        foreach (var name in names) cache.OnNodeChanged(null, Node(name));
        return cache;
    }

    [Fact]
    public void Bound_pods_count_on_their_node_and_move_when_rebound()
    {
        var cache = WithNodes("a", "b");
        var web = Pod("web", cpu: "500m");
        cache.OnPodChanged(null, web);
        Assert.Empty(cache.Snapshot().SelectMany(n => n.Pods));

        cache.OnPodChanged(web, Bound(web, "a"));
        Assert.Equal(["web"], PodsByNode(cache)["a"]);
        Assert.Equal(500, cache.Snapshot().Single(n => n.Name == "a").Requested.MilliCpu);

        cache.OnPodChanged(Bound(web, "a"), Bound(web, "b"));
        Assert.Empty(PodsByNode(cache)["a"]);
        Assert.Equal(["web"], PodsByNode(cache)["b"]);
    }

    [Fact]
    public void Finished_and_deleted_pods_free_their_node()
    {
        var cache = WithNodes("a");
        var done = Bound(Pod("done"), "a");
        var gone = Bound(Pod("gone"), "a");
        cache.OnPodChanged(null, done);
        cache.OnPodChanged(null, gone);

        cache.OnPodChanged(done, done with { Status = new PodStatus { Phase = PodPhases.Succeeded } });
        cache.OnPodChanged(gone, null);

        Assert.Empty(PodsByNode(cache)["a"]);
    }

    [Fact]
    public void An_assumed_pod_counts_until_its_binding_is_seen_and_survives_status_changes_of_the_unbound_pod()
    {
        var cache = WithNodes("a", "b");
        var web = Pod("web");
        cache.OnPodChanged(null, web);

        cache.Assume(web, "b");
        Assert.True(cache.IsAssumed(web.Metadata.Uid!));
        // The echo of an earlier status write (PodScheduled=False) still shows the pod unbound.
        cache.OnPodChanged(web, web with { Status = new PodStatus { Phase = PodPhases.Pending } });
        Assert.Equal(["web"], PodsByNode(cache)["b"]);

        cache.OnPodChanged(web, Bound(web, "b"));
        Assert.False(cache.IsAssumed(web.Metadata.Uid!));
        Assert.Equal(["web"], PodsByNode(cache)["b"]);
        Assert.Equal(0, cache.AssumedCount);
    }

    [Fact]
    public void A_forgotten_assumption_frees_the_node_but_a_confirmed_binding_is_kept()
    {
        var cache = WithNodes("a");
        var failed = Pod("failed");
        var confirmed = Pod("confirmed");
        cache.Assume(failed, "a");
        cache.Assume(confirmed, "a");
        cache.OnPodChanged(confirmed, Bound(confirmed, "a"));

        cache.Forget(failed.Metadata.Uid!);
        cache.Forget(confirmed.Metadata.Uid!);

        Assert.Equal(["confirmed"], PodsByNode(cache)["a"]);
    }

    [Fact]
    public void Pods_bound_to_a_node_not_seen_yet_count_once_it_appears_and_a_deleted_node_leaves_the_snapshot()
    {
        var cache = new SchedulerCache();
        cache.OnPodChanged(null, Bound(Pod("early"), "late-node"));
        Assert.Empty(cache.Snapshot());

        cache.OnNodeChanged(null, Node("late-node"));
        Assert.Equal(["early"], PodsByNode(cache)["late-node"]);

        cache.OnNodeChanged(Node("late-node"), null);
        Assert.Empty(cache.Snapshot());
    }

    [Fact]
    public void A_snapshot_is_reused_until_something_changes()
    {
        var cache = WithNodes("a", "b");
        var first = cache.Snapshot();
        Assert.Same(first, cache.Snapshot());

        cache.OnPodChanged(null, Bound(Pod("web"), "a"));
        var second = cache.Snapshot();
        Assert.NotSame(first, second);
        // Only the node that changed was rebuilt.
        Assert.Same(first.Single(n => n.Name == "b"), second.Single(n => n.Name == "b"));
    }
}
