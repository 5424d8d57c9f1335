using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Kinds;

public sealed class PodEvolverTests
{
    private static readonly PodEvolver Evolver = PodEvolver.Instance;

    private static readonly Pod Stored = new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Uid = "u1", Labels = new() { ["app"] = "web" } },
        Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx:1.27" }] },
    };

    private static EventPosition At(long sequence, long version = 1) => new(sequence, version, DateTimeOffset.UnixEpoch);

    private static Pod Created() => Evolver.Apply(null, new PodCreated(Stored), At(41))!;

    [Fact]
    public void Create_sets_the_resource_version_to_the_sequence_and_generation_one()
    {
        var pod = Created();

        Assert.Equal("41", pod.Metadata.ResourceVersion);
        Assert.Equal(1, pod.Metadata.Generation);
        Assert.Equal("web", pod.Metadata.Name);
    }

    [Fact]
    public void A_metadata_change_applies_labels_and_moves_the_resource_version()
    {
        var changes = new MetadataChanges { Labels = new() { ["app"] = "api", ["tier"] = "back" } };

        var pod = Evolver.Apply(Created(), new PodMetadataChanged("u1", "default", "web", changes), At(42, 2))!;

        Assert.Equal(new Dictionary<string, string> { ["app"] = "api", ["tier"] = "back" }, pod.Metadata.Labels);
        Assert.Equal("42", pod.Metadata.ResourceVersion);
        Assert.Equal(1, pod.Metadata.Generation);
    }

    [Fact]
    public void An_empty_label_dictionary_clears_the_labels()
    {
        var pod = Evolver.Apply(Created(), new PodMetadataChanged("u1", "default", "web", new MetadataChanges { Labels = [] }), At(42, 2))!;

        Assert.Null(pod.Metadata.Labels);
    }

    [Fact]
    public void A_metadata_change_without_labels_keeps_them()
    {
        var changes = new MetadataChanges { Annotations = new() { ["note"] = "x" } };

        var pod = Evolver.Apply(Created(), new PodMetadataChanged("u1", "default", "web", changes), At(42, 2))!;

        Assert.Equal(Stored.Metadata.Labels, pod.Metadata.Labels);
        Assert.Equal("x", pod.Metadata.Annotations!["note"]);
    }

    [Fact]
    public void A_spec_change_replaces_the_spec_and_bumps_the_generation()
    {
        var spec = Stored.Spec with { Containers = [Stored.Spec.Containers[0] with { Image = "nginx:1.28" }] };

        var pod = Evolver.Apply(Created(), new PodSpecChanged("u1", "default", "web", spec), At(43, 2))!;

        Assert.Equal("nginx:1.28", pod.Spec.Containers[0].Image);
        Assert.Equal(2, pod.Metadata.Generation);
        Assert.Equal("43", pod.Metadata.ResourceVersion);
    }

    [Fact]
    public void A_status_change_keeps_the_generation()
    {
        var pod = Evolver.Apply(Created(), new PodStatusChanged("u1", "default", "web", new PodStatus { Phase = PodPhases.Running }), At(44, 2))!;

        Assert.Equal(PodPhases.Running, pod.Status!.Phase);
        Assert.Equal(1, pod.Metadata.Generation);
        Assert.Equal("44", pod.Metadata.ResourceVersion);
    }

    [Fact]
    public void Delete_returns_null() =>
        Assert.Null(Evolver.Apply(Created(), new PodDeleted("u1", "default", "web"), At(45, 2)));

    [Theory]
    [MemberData(nameof(EventsForAnUnknownPod))]
    public void An_event_for_an_unknown_pod_returns_null(IObjectEvent @event) =>
        Assert.Null(Evolver.Apply(null, @event, At(50, 2)));

    public static TheoryData<IObjectEvent> EventsForAnUnknownPod() =>
    [
        new PodMetadataChanged("u9", "default", "ghost", new MetadataChanges { Labels = new() { ["a"] = "b" } }),
        new PodSpecChanged("u9", "default", "ghost", new PodSpec()),
        new PodStatusChanged("u9", "default", "ghost", new PodStatus()),
    ];

    [Fact]
    public void The_evolver_lists_every_pod_event_type()
    {
        var podEvents = typeof(PodCreated).Assembly.GetTypes()
            .Where(t => typeof(IObjectEvent).IsAssignableFrom(t) && t.IsClass && t.Name.StartsWith("Pod", StringComparison.Ordinal));

        Assert.Equal(podEvents.OrderBy(t => t.Name), Evolver.EventTypes.OrderBy(t => t.Name));
    }

    [Fact]
    public void A_binding_sets_the_node_and_the_scheduled_condition()
    {
        var bound = Evolver.Apply(Created(), new PodBound(Stored.Metadata.Uid!, "default", Stored.Metadata.Name!, "node-7", DateTimeOffset.UnixEpoch), At(45, 2))!;

        Assert.Equal("node-7", bound.Spec.NodeName);
        Assert.Equal(ConditionStatuses.True, bound.Status.Condition(PodConditions.PodScheduled)!.Status);
        Assert.Equal("45", bound.Metadata.ResourceVersion);
    }

    [Fact]
    public void A_termination_request_sets_the_deletion_timestamp_and_keeps_the_pod()
    {
        var deadline = DateTimeOffset.UnixEpoch.AddSeconds(30);

        var terminating = Evolver.Apply(Created(), new PodTerminationRequested(Stored.Metadata.Uid!, "default", Stored.Metadata.Name!, deadline, 30), At(46, 2))!;

        Assert.Equal(deadline, terminating.Metadata.DeletionTimestamp);
        Assert.Equal(30, terminating.Metadata.DeletionGracePeriodSeconds);
    }
}
