using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Informers;

public sealed class InformerCacheTests
{
    private const string Uid = "11111111-1111-1111-1111-111111111111";
    private readonly InformerCache<Pod> _cache = new(PodEvolver.Instance);

    private static Pod Pod(string name = "web", string uid = Uid, long resourceVersion = 0) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = uid, ResourceVersion = resourceVersion.ToString() },
        Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "i" }] },
    };

    private static EventPosition At(long sequence, long version) => new(sequence, version, DateTimeOffset.UnixEpoch);

    private static PodMetadataChanged Labelled(string value, string uid = Uid) =>
        new(uid, "default", "web", new MetadataChanges { Labels = new() { ["v"] = value } });

    [Fact]
    public void Events_in_order_build_the_object()
    {
        Assert.Equal(ApplyOutcome.Applied, _cache.Apply(new PodCreated(Pod()), At(10, 1)));
        Assert.Equal(ApplyOutcome.Applied, _cache.Apply(Labelled("2"), At(12, 2)));

        var pod = _cache.Get("default", "web")!;
        Assert.Equal("12", pod.Metadata.ResourceVersion);
        Assert.Equal("2", pod.Metadata.Labels!["v"]);
    }

    [Fact]
    public void A_duplicate_or_older_event_is_ignored()
    {
        _cache.Apply(new PodCreated(Pod()), At(10, 1));
        _cache.Apply(Labelled("2"), At(12, 2));

        Assert.Equal(ApplyOutcome.Ignored, _cache.Apply(Labelled("2"), At(12, 2)));
        Assert.Equal(ApplyOutcome.Ignored, _cache.Apply(new PodCreated(Pod()), At(10, 1)));
        Assert.Equal("2", _cache.Get("default", "web")!.Metadata.Labels!["v"]);
    }

    [Fact]
    public void An_event_that_skips_a_stream_version_is_a_gap()
    {
        _cache.Apply(new PodCreated(Pod()), At(10, 1));

        Assert.Equal(ApplyOutcome.Gap, _cache.Apply(Labelled("3"), At(15, 3)));
        Assert.Equal("10", _cache.Get("default", "web")!.Metadata.ResourceVersion);
    }

    [Fact]
    public void An_update_for_an_unknown_object_is_a_gap()
    {
        Assert.Equal(ApplyOutcome.Gap, _cache.Apply(Labelled("2"), At(12, 2)));
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void A_late_create_after_a_delete_does_not_resurrect_the_object()
    {
        _cache.Apply(new PodCreated(Pod()), At(10, 1));
        _cache.Apply(new PodDeleted(Uid, "default", "web"), At(11, 2));

        Assert.Equal(ApplyOutcome.Ignored, _cache.Apply(new PodCreated(Pod()), At(10, 1)));
        Assert.Null(_cache.Get("default", "web"));
    }

    [Fact]
    public void A_relist_drops_objects_deleted_meanwhile_and_keeps_newer_cached_ones()
    {
        const string other = "22222222-2222-2222-2222-222222222222";
        _cache.Apply(new PodCreated(Pod("gone", other)), At(5, 1));
        _cache.Apply(new PodCreated(Pod()), At(10, 1));
        _cache.Apply(Labelled("new"), At(30, 2));

        _cache.Replace([Pod("web", Uid, 10)], listVersion: 20);

        Assert.Null(_cache.Get("default", "gone"));
        Assert.Equal("30", _cache.Get("default", "web")!.Metadata.ResourceVersion);
    }

    [Fact]
    public void A_relist_keeps_an_object_created_after_the_list()
    {
        const string late = "33333333-3333-3333-3333-333333333333";
        _cache.Apply(new PodCreated(Pod("late", late)), At(25, 1));

        _cache.Replace([], listVersion: 20);

        Assert.NotNull(_cache.Get("default", "late"));
    }

    [Fact]
    public void After_a_relist_the_next_event_applies_without_a_known_stream_version()
    {
        _cache.Replace([Pod("web", Uid, 10)], listVersion: 10);

        Assert.Equal(ApplyOutcome.Applied, _cache.Apply(Labelled("x"), At(14, 4)));
        Assert.Equal(ApplyOutcome.Gap, _cache.Apply(Labelled("y"), At(16, 6)));
    }

    [Fact]
    public void A_refresh_with_a_new_uid_under_the_same_name_replaces_the_old_object()
    {
        const string reborn = "44444444-4444-4444-4444-444444444444";
        _cache.Apply(new PodCreated(Pod()), At(10, 1));

        _cache.Refresh("default", "web", Pod("web", reborn, 40));

        Assert.Equal(reborn, _cache.Get("default", "web")!.Metadata.Uid);
        Assert.Equal(1, _cache.Count);
    }

    [Fact]
    public void Every_change_is_reported_with_its_old_and_new_state()
    {
        var changes = new List<(Pod?, Pod?)>();
        _cache.Changed += (old, current) => changes.Add((old, current));

        _cache.Apply(new PodCreated(Pod()), At(10, 1));
        _cache.Apply(new PodDeleted(Uid, "default", "web"), At(11, 2));

        Assert.Collection(changes,
            c => Assert.True(c.Item1 is null && c.Item2 is not null),
            c => Assert.True(c.Item1 is not null && c.Item2 is null));
    }

    [Fact]
    public void An_index_follows_binding_deletion_and_relists_and_covers_objects_already_cached()
    {
        const string Other = "22222222-2222-2222-2222-222222222222";
        _cache.Apply(new PodCreated(Pod() with { Spec = Pod().Spec with { NodeName = "a" } }), At(10, 1));
        _cache.AddIndex("node", p => p.Spec.NodeName);
        _cache.Apply(new PodCreated(Pod("db", Other)), At(11, 1));
        Assert.Equal(["web"], _cache.ByIndex("node", "a").Select(p => p.Metadata.Name));

        _cache.Apply(new PodBound(Other, "default", "db", "a", DateTimeOffset.UnixEpoch), At(12, 2));
        Assert.Equal(["db", "web"], _cache.ByIndex("node", "a").Select(p => p.Metadata.Name!).Order());

        _cache.Replace([Pod("db", Other, 15) with { Spec = Pod().Spec with { NodeName = "b" } }], listVersion: 20);
        Assert.Empty(_cache.ByIndex("node", "a"));
        Assert.Equal(["db"], _cache.ByIndex("node", "b").Select(p => p.Metadata.Name));
    }
}
