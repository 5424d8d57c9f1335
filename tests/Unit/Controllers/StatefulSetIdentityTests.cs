using EventOrch.Contracts.Model;
using EventOrch.Controllers.Workloads;

namespace EventOrch.Tests.Unit.Controllers;

public sealed class StatefulSetIdentityTests
{
    private static StatefulSet Set(PodTemplateSpec? template = null) => new()
    {
        Metadata = new ObjectMeta { Name = "db", Namespace = "ns", Uid = "set-uid" },
        Spec = new StatefulSetSpec
        {
            Replicas = 3,
            ServiceName = "db-headless",
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "db" } },
            Template = template ?? new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "db" }, Annotations = new() { ["note"] = "x" } },
                Spec = new PodSpec
                {
                    Containers = [new Container { Name = "main", Image = "busybox" }],
                    Volumes = [new Volume { Name = "data", EmptyDir = new EmptyDirVolumeSource() }, new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() }],
                },
            },
            VolumeClaimTemplates =
            [
                new PersistentVolumeClaim
                {
                    Metadata = new ObjectMeta { Name = "data", Labels = new() { ["tier"] = "storage" } },
                    Spec = new PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], StorageClassName = "local" },
                },
            ],
        },
    };

    [Theory]
    [InlineData("db-0", 0)]
    [InlineData("db-12", 12)]
    [InlineData("db-", null)]
    [InlineData("db-01", null)]
    [InlineData("db-x", null)]
    [InlineData("db-1-2", null)]
    [InlineData("dbx-1", null)]
    [InlineData("web-1", null)]
    public void A_members_ordinal_is_read_from_its_name(string name, int? ordinal) =>
        Assert.Equal(ordinal, StatefulSetIdentity.OrdinalOf(Set(), name));

    [Fact]
    public void A_member_has_its_stable_name_hostname_subdomain_identity_labels_owner_and_claim_volume()
    {
        var pod = StatefulSetIdentity.NewPod(Set(), Set().Spec.Template!, "db-abc", 2);

        Assert.Equal(("db-2", "ns", "db-2", "db-headless"), (pod.Metadata.Name, pod.Metadata.Namespace, pod.Spec.Hostname, pod.Spec.Subdomain));
        Assert.Equal("db-2", pod.Metadata.Labels![StatefulSetIdentity.PodNameLabel]);
        Assert.Equal("2", pod.Metadata.Labels[StatefulSetIdentity.PodIndexLabel]);
        Assert.Equal("db-abc", pod.Metadata.Labels[StatefulSetIdentity.RevisionLabel]);
        Assert.Equal("db", pod.Metadata.Labels["app"]);
        Assert.Equal("x", pod.Metadata.Annotations!["note"]);
        var owner = Assert.Single(pod.Metadata.OwnerReferences!);
        Assert.Equal(("StatefulSet", "db", "set-uid", true), (owner.Kind, owner.Name, owner.Uid, owner.Controller == true));
        var data = Assert.Single(pod.Spec.Volumes!, v => v.Name == "data");
        Assert.Null(data.EmptyDir);
        Assert.Equal("data-db-2", data.PersistentVolumeClaim!.ClaimName);
        Assert.Contains(pod.Spec.Volumes!, v => v.Name == "scratch" && v.EmptyDir is not null);
    }

    [Fact]
    public void A_members_claim_is_named_after_template_set_and_ordinal_and_carries_the_selector_labels()
    {
        var claim = Assert.Single(StatefulSetIdentity.Claims(Set(), 1));

        Assert.Equal("data-db-1", claim.Metadata.Name);
        Assert.Equal("ns", claim.Metadata.Namespace);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "storage", ["app"] = "db" }, claim.Metadata.Labels);
        Assert.Equal("local", claim.Spec.StorageClassName);
        Assert.Null(claim.Metadata.OwnerReferences);
    }

    [Fact]
    public void A_claim_of_a_set_whose_claims_go_with_it_is_owned_by_the_set()
    {
        var set = Set() with { Spec = Set().Spec with { PersistentVolumeClaimRetentionPolicy = new() { WhenDeleted = StatefulSetConventions.Delete, WhenScaled = StatefulSetConventions.Retain } } };

        var claim = StatefulSetClaimRetention.WithSetOwner(set, StatefulSetIdentity.Claims(set, 0).Single());

        var owner = Assert.Single(claim.Metadata.OwnerReferences!);
        Assert.Equal(("StatefulSet", "set-uid"), (owner.Kind, owner.Uid));
    }

    [Fact]
    public void The_revision_is_named_after_the_set_and_changes_with_the_template_only()
    {
        var set = Set();
        var same = set with { Spec = set.Spec with { Replicas = 7 } };
        var changed = set with { Spec = set.Spec with { Template = set.Spec.Template! with { Metadata = new ObjectMeta { Labels = new() { ["app"] = "db", ["v"] = "2" } } } } };

        Assert.StartsWith("db-", StatefulSetRevisions.NameOf(set));
        Assert.Equal(StatefulSetRevisions.NameOf(set), StatefulSetRevisions.NameOf(same));
        Assert.Equal(StatefulSetRevisions.NameOf(set), StatefulSetRevisions.NameOf(set with { Status = new StatefulSetStatus { CollisionCount = 0 } }));
        Assert.NotEqual(StatefulSetRevisions.NameOf(set), StatefulSetRevisions.NameOf(changed));
    }

    [Fact]
    public void A_seen_revisions_template_is_kept_and_an_unseen_one_falls_back_to_the_update_revision()
    {
        var revisions = new StatefulSetRevisions();
        var first = Set();
        var oldRevision = revisions.Observe(first);
        var second = first with { Spec = first.Spec with { Template = first.Spec.Template! with { Metadata = new ObjectMeta { Labels = new() { ["app"] = "db", ["v"] = "2" } } } } };
        var newRevision = revisions.Observe(second);

        Assert.Equal((first.Spec.Template, oldRevision), revisions.TemplateOf(second, oldRevision));
        Assert.Equal((second.Spec.Template, newRevision), revisions.TemplateOf(second, "db-unknown"));
    }
}
