using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Kinds;

public sealed class StoredKindsTests
{
    [Theory]
    [InlineData(typeof(PodBound), "Pod")]
    [InlineData(typeof(NodeRegistered), "Node")]
    [InlineData(typeof(DeploymentSpecChanged), "Deployment")]
    [InlineData(typeof(ReplicaSetCreated), "ReplicaSet")]
    [InlineData(typeof(SecretDataChanged), "Secret")]
    [InlineData(typeof(EndpointsSubsetsChanged), "Endpoints")]
    [InlineData(typeof(NamespaceFinalized), "Namespace")]
    public void An_event_type_belongs_to_the_kind_whose_evolver_lists_it(Type eventType, string kind) =>
        Assert.Equal(kind, StoredKinds.OfEventType(eventType)!.Kind.Kind);

    [Fact]
    public void Every_event_type_belongs_to_exactly_one_kind_and_every_kind_has_one_delete()
    {
        var types = StoredKinds.All.SelectMany(k => k.EventTypes).ToList();

        Assert.Equal(types.Count, types.Distinct().Count());
        Assert.Equal(StoredKinds.All.Count, StoredKinds.DeletionTypeNames.Count);
        Assert.All(StoredKinds.All, k => Assert.Single(k.EventTypes, t => StoredKinds.DeletionTypeNames.Contains(t.Name)));
        Assert.Equal(typeof(PodDeleted), StoredKinds.EventType("PodDeleted"));
        Assert.Null(StoredKinds.EventType("PodExploded"));
    }

    [Fact]
    public void The_untyped_fold_is_the_kinds_own_evolver()
    {
        var pod = new Pod { Metadata = new ObjectMeta { Name = "web", Namespace = "default", Uid = "u1" }, Spec = new PodSpec() };
        var position = new EventPosition(7, 1, DateTimeOffset.UnixEpoch);

        var created = StoredKinds.Apply(null, new PodCreated(pod), position);
        var bound = StoredKinds.Apply(created, new PodBound("u1", "default", "web", "node-1", DateTimeOffset.UnixEpoch), position with { Sequence = 8 });
        var deleted = StoredKinds.Apply(bound, new PodDeleted("u1", "default", "web"), position with { Sequence = 9 });

        Assert.Equal("7", created!.Metadata.ResourceVersion);
        Assert.Equal("node-1", ((Pod)bound!).Spec.NodeName);
        Assert.Null(deleted);
        Assert.Same(StoredKinds.Named("Pod"), StoredKinds.Of(Contracts.Kinds.ResourceKind.Pod));
    }
}
