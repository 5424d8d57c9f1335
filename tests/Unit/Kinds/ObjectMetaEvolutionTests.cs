using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Kinds;

public sealed class ObjectMetaEvolutionTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly ObjectMeta Live = new() { Name = "web", Namespace = "default", Uid = "u1", Finalizers = ["example.com/hold"] };

    [Fact]
    public void The_diff_of_a_delete_held_by_finalizers_carries_the_deletion_timestamp_and_grace_period()
    {
        var changes = ObjectMetaEvolution.Diff(Live, Live with { DeletionTimestamp = Now, DeletionGracePeriodSeconds = 0 });

        Assert.Equal(Now, changes.DeletionTimestamp);
        Assert.Equal(0, changes.DeletionGracePeriodSeconds);
        Assert.Null(changes.Finalizers);
        Assert.False(changes.IsEmpty);
    }

    [Fact]
    public void The_diff_leaves_an_unchanged_deletion_timestamp_out()
    {
        var deleting = Live with { DeletionTimestamp = Now, DeletionGracePeriodSeconds = 0 };

        var changes = ObjectMetaEvolution.Diff(deleting, deleting with { Finalizers = null });

        Assert.Null(changes.DeletionTimestamp);
        Assert.Null(changes.DeletionGracePeriodSeconds);
        Assert.Equal([], changes.Finalizers);
    }

    [Fact]
    public void A_metadata_change_with_a_deletion_timestamp_marks_the_object_as_being_deleted()
    {
        var rs = new ReplicaSet { Metadata = Live };
        var changes = new MetadataChanges { DeletionTimestamp = Now, DeletionGracePeriodSeconds = 0, Finalizers = ["example.com/hold", "orphan"] };

        var deleting = ReplicaSetEvolver.Instance.Apply(rs, new ReplicaSetMetadataChanged("u1", "default", "web", changes), new EventPosition(9, 2, Now))!;

        Assert.Equal(Now, deleting.Metadata.DeletionTimestamp);
        Assert.Equal(0, deleting.Metadata.DeletionGracePeriodSeconds);
        Assert.Equal(["example.com/hold", "orphan"], deleting.Metadata.Finalizers);
        Assert.Equal("9", deleting.Metadata.ResourceVersion);
    }

    [Fact]
    public void A_metadata_change_without_deletion_fields_keeps_a_deletion_under_way()
    {
        var deleting = Live with { DeletionTimestamp = Now, DeletionGracePeriodSeconds = 30 };

        var after = deleting.With(new MetadataChanges { Labels = new() { ["a"] = "b" } });

        Assert.Equal(Now, after.DeletionTimestamp);
        Assert.Equal(30, after.DeletionGracePeriodSeconds);
    }

    [Fact]
    public void Maps_of_byte_arrays_are_equal_by_content_and_no_map_equals_an_empty_one()
    {
        var a = new Dictionary<string, byte[]> { ["k"] = [1, 2, 3] };

        Assert.True(ObjectMetaEvolution.DictionaryEquals(a, new Dictionary<string, byte[]> { ["k"] = [1, 2, 3] }));
        Assert.False(ObjectMetaEvolution.DictionaryEquals(a, new Dictionary<string, byte[]> { ["k"] = [1, 2, 4] }));
        Assert.True(ObjectMetaEvolution.DictionaryEquals(null, new Dictionary<string, byte[]>()));
        Assert.False(ObjectMetaEvolution.DictionaryEquals(new Dictionary<string, string> { ["a"] = "x" }, new Dictionary<string, string> { ["a"] = "y" }));
    }
}
