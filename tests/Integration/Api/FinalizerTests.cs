using System.Net;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>Finalizers hold a delete back, for every kind: the object is marked with a deletionTimestamp and goes when an
/// update takes its last finalizer away. A propagation policy adds its finalizer to kinds that own dependents.</summary>
public sealed class FinalizerTests(ApiServer api) : IClassFixture<ApiServer>
{
    private const string Hold = "example.com/hold";
    private static readonly string ReplicaSets = TestReplicaSets.Path();
    private const string MergePatch = "application/merge-patch+json";
    private static string PodPath(string name) => $"{ObjectClient.PodsPath()}/{name}";

    private Task<Pod> CreateHeldPodAsync(string name) =>
        api.Client.CreatePodAsync(ObjectClient.NewPod(name) with { Metadata = new ObjectMeta { Name = name, Finalizers = [Hold] } });

    private Task<ReplicaSet> CreateReplicaSetAsync(string name) => api.Client.CreateReplicaSetAsync(TestReplicaSets.New(name, replicas: 0));

    [Fact]
    public async Task A_delete_held_by_a_finalizer_marks_the_object_and_removing_the_last_finalizer_deletes_it()
    {
        await CreateHeldPodAsync("held");

        var (code, deleting, _) = await api.Client.SendAsync<Pod>(HttpMethod.Delete, PodPath("held"));
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.NotNull(deleting!.Metadata.DeletionTimestamp);
        Assert.Equal(0, deleting.Metadata.DeletionGracePeriodSeconds);
        Assert.Equal([Hold], deleting.Metadata.Finalizers);
        Assert.Contains((await api.Client.ListPodsAsync()).Items, p => p.Metadata.Name == "held" && p.Metadata.DeletionTimestamp is not null);

        var events = await api.EventCountAsync();
        var (again, unchanged, _) = await api.Client.SendAsync<Pod>(HttpMethod.Delete, PodPath("held"));
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(deleting.Metadata.ResourceVersion, unchanged!.Metadata.ResourceVersion);
        Assert.Equal(events, await api.EventCountAsync());

        var deletes = await api.EventCountAsync<PodDeleted>();
        var (patched, last, _) = await api.Client.SendAsync<Pod>(HttpMethod.Patch, PodPath("held"), """{"metadata":{"finalizers":null}}""", MergePatch);
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Null(last!.Metadata.Finalizers);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync<Status>(HttpMethod.Get, PodPath("held"))).Code);
        Assert.Equal(deletes + 1, await api.EventCountAsync<PodDeleted>());
    }

    [Fact]
    public async Task Removing_one_of_two_finalizers_keeps_the_object_waiting()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("two") with { Metadata = new ObjectMeta { Name = "two", Finalizers = [Hold, "example.com/other"] } });
        await api.Client.SendAsync<Pod>(HttpMethod.Delete, PodPath("two"));

        var (_, remaining, _) = await api.Client.SendAsync<Pod>(HttpMethod.Patch, PodPath("two"), """{"metadata":{"finalizers":["example.com/other"]}}""", MergePatch);

        Assert.Equal(["example.com/other"], remaining!.Metadata.Finalizers);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.SendAsync<Pod>(HttpMethod.Get, PodPath("two"))).Code);
    }

    [Fact]
    public async Task No_finalizer_may_be_added_to_an_object_being_deleted()
    {
        await CreateHeldPodAsync("closing");
        await api.Client.SendAsync<Pod>(HttpMethod.Delete, PodPath("closing"));
        var events = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, PodPath("closing"),
            new { metadata = new { finalizers = new[] { Hold, "example.com/late" } } }, MergePatch);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        var cause = Assert.Single(status!.Details!.Causes!);
        Assert.Equal(("metadata.finalizers", FieldErrorTypes.Forbidden), (cause.Field, cause.Reason));
        Assert.Contains("no new finalizers can be added if the object is being deleted", cause.Message);
        Assert.Equal(events, await api.EventCountAsync());
    }

    [Fact]
    public async Task Orphan_and_foreground_add_their_finalizer_to_a_replica_set_and_background_deletes_it_at_once()
    {
        await CreateReplicaSetAsync("orphaned");
        await CreateReplicaSetAsync("foreground");
        await CreateReplicaSetAsync("legacy");
        await CreateReplicaSetAsync("background");

        var (_, orphaned, _) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Delete, $"{ReplicaSets}/orphaned?propagationPolicy=Orphan");
        var (_, foreground, _) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Delete, $"{ReplicaSets}/foreground",
            new { apiVersion = "v1", kind = "DeleteOptions", propagationPolicy = "Foreground" });
        var (_, legacy, _) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Delete, $"{ReplicaSets}/legacy",
            new { apiVersion = "v1", kind = "DeleteOptions", orphanDependents = true });
        var (code, _, _) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Delete, $"{ReplicaSets}/background?propagationPolicy=Background");

        Assert.Equal([GarbageCollectionFinalizers.Orphan], orphaned!.Metadata.Finalizers);
        Assert.NotNull(orphaned.Metadata.DeletionTimestamp);
        Assert.Equal([GarbageCollectionFinalizers.ForegroundDeletion], foreground!.Metadata.Finalizers);
        Assert.Equal([GarbageCollectionFinalizers.Orphan], legacy!.Metadata.Finalizers);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync<Status>(HttpMethod.Get, $"{ReplicaSets}/background")).Code);

        // Nothing else removes the finalizer here (no garbage collector runs): removing it finishes the delete.
        await api.Client.SendAsync<ReplicaSet>(HttpMethod.Patch, $"{ReplicaSets}/orphaned", """{"metadata":{"finalizers":[]}}""", MergePatch);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync<Status>(HttpMethod.Get, $"{ReplicaSets}/orphaned")).Code);
    }

    [Fact]
    public async Task A_propagation_policy_on_a_kind_without_dependents_deletes_at_once()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("leaf"));

        var (code, _, _) = await api.Client.SendAsync<Pod>(HttpMethod.Delete, $"{PodPath("leaf")}?propagationPolicy=Orphan");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync<Status>(HttpMethod.Get, PodPath("leaf"))).Code);
    }

    [Theory]
    [InlineData("?propagationPolicy=Sideways", null, "Unsupported value: \"Sideways\"")]
    [InlineData("?propagationPolicy=Foreground", """{"orphanDependents":true}""", "orphanDependents and deletionPropagation cannot be both set")]
    [InlineData("", """{"propagationPolicy":"Background","orphanDependents":true}""", "orphanDependents and deletionPropagation cannot be both set")]
    [InlineData("", """{"orphanDependents":"yes"}""", "orphanDependents must be a boolean")]
    public async Task Bad_delete_options_are_refused_naming_the_field_and_change_nothing(string query, string? body, string message)
    {
        var name = $"kept-{Guid.NewGuid():N}"[..12];
        await CreateReplicaSetAsync(name);
        var events = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Delete, $"{ReplicaSets}/{name}{query}", body);

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal(StatusReasons.BadRequest, status!.Reason);
        Assert.Contains(message, status.Message);
        Assert.Equal(body?.Contains("\"yes\"") == true ? "orphanDependents" : "propagationPolicy", Assert.Single(status.Details!.Causes!).Field);
        Assert.Equal(events, await api.EventCountAsync());
        var (_, kept, _) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Get, $"{ReplicaSets}/{name}");
        Assert.Null(kept!.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task A_bound_pod_with_a_finalizer_terminates_gracefully_and_only_its_final_removal_is_held()
    {
        await api.Client.RegisterAsync(TestNodes.New("node-final"));
        await CreateHeldPodAsync("graceful");
        var (bound, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, $"{PodPath("graceful")}/binding",
            new Binding { Metadata = new ObjectMeta { Name = "graceful" }, Target = new ObjectReference { Kind = "Node", Name = "node-final" } });
        Assert.Equal(HttpStatusCode.Created, bound);

        var (_, terminating, _) = await api.Client.SendAsync<Pod>(HttpMethod.Delete, PodPath("graceful"));
        Assert.Equal(30, terminating!.Metadata.DeletionGracePeriodSeconds);
        Assert.Equal(1, await EventsOfAsync<PodTerminationRequested>(terminating));

        // The node agent's final delete (grace period 0) is held by the finalizer.
        var (code, held, _) = await api.Client.SendAsync<Pod>(HttpMethod.Delete, PodPath("graceful"),
            new { apiVersion = "v1", kind = "DeleteOptions", gracePeriodSeconds = 0, preconditions = new { uid = terminating.Metadata.Uid } });
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(0, held!.Metadata.DeletionGracePeriodSeconds);
        Assert.Equal([Hold], held.Metadata.Finalizers);

        await api.Client.SendAsync<Pod>(HttpMethod.Patch, PodPath("graceful"), """{"metadata":{"finalizers":null}}""", MergePatch);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync<Status>(HttpMethod.Get, PodPath("graceful"))).Code);
    }

    [Fact]
    public async Task Removing_the_finalizer_of_a_pod_still_terminating_leaves_its_removal_to_the_node_agent()
    {
        await api.Client.RegisterAsync(TestNodes.New("node-early"));
        await CreateHeldPodAsync("early");
        await api.Client.SendAsync<Status>(HttpMethod.Post, $"{PodPath("early")}/binding",
            new Binding { Metadata = new ObjectMeta { Name = "early" }, Target = new ObjectReference { Kind = "Node", Name = "node-early" } });
        await api.Client.SendAsync<Pod>(HttpMethod.Delete, PodPath("early"));

        var (_, released, _) = await api.Client.SendAsync<Pod>(HttpMethod.Patch, PodPath("early"), """{"metadata":{"finalizers":null}}""", MergePatch);

        Assert.Null(released!.Metadata.Finalizers);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.SendAsync<Pod>(HttpMethod.Get, PodPath("early"))).Code);
        await api.Client.SendAsync<Pod>(HttpMethod.Delete, $"{PodPath("early")}?gracePeriodSeconds=0");
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync<Status>(HttpMethod.Get, PodPath("early"))).Code);
    }

    private async Task<int> EventsOfAsync<TEvent>(IKubeObject obj)
    {
        await using var session = api.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(Guid.Parse(obj.Metadata.Uid!))).Count(e => e.Data is TEvent);
    }
}
