using EventOrch.Api.Resources;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Kinds;

public sealed class StatefulSetEvolverTests
{
    private static readonly StatefulSet Stored = new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Uid = "u1" },
        Spec = StatefulSetDefinition.DefaultSpec(new StatefulSetSpec
        {
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
            ServiceName = "web",
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "i" }] },
            },
        }),
        Status = new StatefulSetStatus(),
    };

    private static EventPosition At(long sequence, long version) => new(sequence, version, DateTimeOffset.UnixEpoch);

    private static StatefulSet Created() => StatefulSetEvolver.Instance.Apply(null, new StatefulSetCreated(Stored), At(10, 1))!;

    [Fact]
    public void Create_stores_the_set_at_generation_one()
    {
        var sts = Created();

        Assert.Equal((1L, "10"), (sts.Metadata.Generation!.Value, sts.Metadata.ResourceVersion));
        Assert.Equal("web", sts.Spec.ServiceName);
    }

    [Fact]
    public void A_spec_change_raises_the_generation_and_a_status_change_does_not()
    {
        var scaled = StatefulSetEvolver.Instance.Apply(Created(), new StatefulSetSpecChanged("u1", "default", "web", Stored.Spec with { Replicas = 3 }), At(11, 2))!;
        var reported = StatefulSetEvolver.Instance.Apply(scaled,
            new StatefulSetStatusChanged("u1", "default", "web", new StatefulSetStatus { Replicas = 3, ReadyReplicas = 1, UpdateRevision = "web-7c9" }), At(12, 3))!;

        Assert.Equal((3, 2L), (scaled.Spec.Replicas!.Value, scaled.Metadata.Generation!.Value));
        Assert.Equal((2L, "12", 1, "web-7c9"), (reported.Metadata.Generation!.Value, reported.Metadata.ResourceVersion, reported.Status!.ReadyReplicas!.Value, reported.Status.UpdateRevision));
    }

    [Fact]
    public void Metadata_changes_apply_and_a_delete_removes_the_set()
    {
        var labelled = StatefulSetEvolver.Instance.Apply(Created(),
            new StatefulSetMetadataChanged("u1", "default", "web", new MetadataChanges { Labels = new() { ["tier"] = "db" } }), At(11, 2))!;

        Assert.Equal("db", labelled.Metadata.Labels!["tier"]);
        Assert.Null(StatefulSetEvolver.Instance.Apply(labelled, new StatefulSetDeleted("u1", "default", "web"), At(12, 3)));
    }

    [Fact]
    public void Defaults_are_kubernetes_ones()
    {
        var spec = Stored.Spec;

        Assert.Equal((1, "OrderedReady", "RollingUpdate", 0, 10), (spec.Replicas!.Value, spec.PodManagementPolicy, spec.UpdateStrategy!.Type,
            spec.UpdateStrategy.RollingUpdate!.Partition!.Value, spec.RevisionHistoryLimit!.Value));
        Assert.Equal(("Retain", "Retain"), (spec.PersistentVolumeClaimRetentionPolicy!.WhenDeleted, spec.PersistentVolumeClaimRetentionPolicy.WhenScaled));
        Assert.Null(spec.Ordinals);
        Assert.Equal("Always", spec.Template!.Spec.RestartPolicy);
        var onDelete = StatefulSetDefinition.DefaultSpec(new StatefulSetSpec { UpdateStrategy = new StatefulSetUpdateStrategy { Type = "OnDelete" }, Ordinals = new() });
        Assert.Null(onDelete.UpdateStrategy!.RollingUpdate);
        Assert.Equal(0, onDelete.Ordinals!.Start);
    }
}
