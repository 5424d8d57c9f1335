using EventOrch.Api.Watch;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using static EventOrch.Tests.Unit.Watch.WatchTestObjects;

namespace EventOrch.Tests.Unit.Watch;

public sealed class CurrentObjectsTests
{
    private static readonly Guid Stream = Guid.NewGuid();

    private static (CurrentObjects Objects, Pod Created) WithPod(string name = "web")
    {
        var objects = new CurrentObjects([Pods]);
        var pod = Pod(name);
        var change = objects.Fold(Pods, Stream, 1, At(10, 1), new PodCreated(pod)).Change!;
        return (objects, (Pod)change.After!);
    }

    [Fact]
    public void A_create_is_a_change_from_nothing_stamped_with_the_event_sequence()
    {
        var objects = new CurrentObjects([Pods]);

        var folded = objects.Fold(Pods, Stream, 1, At(10, 1), new PodCreated(Pod("web")));

        Assert.Null(folded.Change!.Before);
        Assert.Equal("10", folded.Change.After!.Metadata.ResourceVersion);
        Assert.Equal(10, folded.Change.ResourceVersion);
        Assert.Equal(["web"], objects.Current(typeof(Pod), null).Select(p => p.Metadata.Name));
    }

    [Fact]
    public void An_update_carries_the_state_before_and_after()
    {
        var (objects, created) = WithPod();

        var change = objects.Fold(Pods, Stream, 2, At(12, 2), Relabelled(created, new() { ["app"] = "api" })).Change!;

        Assert.Same(created, change.Before);
        Assert.Equal("api", change.After!.Metadata.Labels!["app"]);
        Assert.Equal("12", change.After.Metadata.ResourceVersion);
    }

    [Fact]
    public void A_delete_carries_the_last_state_and_removes_the_object()
    {
        var (objects, created) = WithPod();

        var change = objects.Fold(Pods, Stream, 2, At(12, 2), Deleted(created)).Change!;

        Assert.Same(created, change.Before);
        Assert.Null(change.After);
        Assert.Empty(objects.Current(typeof(Pod), null));
    }

    [Fact]
    public void An_event_the_object_already_reflects_changes_nothing()
    {
        var (objects, created) = WithPod();

        var folded = objects.Fold(Pods, Stream, 1, At(10, 1), new PodCreated(Pod("web")));

        Assert.False(folded.NeedsHistory);
        Assert.Null(folded.Change);
        Assert.Same(created, objects.Current(typeof(Pod), null).Single());
    }

    [Fact]
    public void An_event_after_a_missing_one_asks_for_the_stream()
    {
        var (objects, created) = WithPod();

        var folded = objects.Fold(Pods, Stream, 3, At(14, 3), Relabelled(created, new() { ["app"] = "api" }));

        Assert.True(folded.NeedsHistory);
        Assert.Same(created, objects.Current(typeof(Pod), null).Single());
    }

    [Fact]
    public void A_rebuilt_state_replaces_the_object_and_changes_from_what_the_cache_had()
    {
        var (objects, created) = WithPod();
        var rebuilt = created with { Metadata = created.Metadata with { ResourceVersion = "14", Labels = new() { ["app"] = "api" } } };

        var change = objects.Replace(Pods, Stream, 3, rebuilt, 14)!;

        Assert.Same(created, change.Before);
        Assert.Same(rebuilt, change.After);
        Assert.Equal(ObjectsAfter(objects), [rebuilt]);
    }

    [Fact]
    public void Current_objects_are_in_namespace_and_name_order_and_filtered_by_namespace()
    {
        var objects = new CurrentObjects([Pods]);
        var version = 0L;
        foreach (var (name, ns) in new[] { ("b", "one"), ("a", "two"), ("a", "one") })
            objects.Fold(Pods, Guid.NewGuid(), 1, At(++version, 1), new PodCreated(Pod(name, ns, uid: $"{ns}-{name}")));

        Assert.Equal(["one/a", "one/b", "two/a"], objects.Current(typeof(Pod), null).Select(p => $"{p.Metadata.Namespace}/{p.Metadata.Name}"));
        Assert.Equal(["a"], objects.Current(typeof(Pod), "two").Select(p => p.Metadata.Name));
    }

    [Fact]
    public void Events_of_other_kinds_and_tombstones_belong_to_no_watched_kind()
    {
        var objects = new CurrentObjects([Pods]);

        Assert.Same(Pods, objects.KindOf(new PodCreated(Pod("web"))));
        Assert.Null(objects.KindOf(new NodeDeleted("u", "n")));
        Assert.Null(objects.KindOf(new JasperFx.Events.Tombstone()));
    }

    private static List<IKubeObject> ObjectsAfter(CurrentObjects objects) => objects.Current(typeof(Pod), null);
}
