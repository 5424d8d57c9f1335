using EventOrch.Api.Watch;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;
using static EventOrch.Tests.Unit.Watch.WatchTestObjects;

namespace EventOrch.Tests.Unit.Watch;

public sealed class WatchFilterTests
{
    private static readonly Pod Web = Labelled(Pod("web"), "web", "10");
    private static readonly Pod Api = Labelled(Web, "api", "11");

    private static Pod Labelled(Pod pod, string app, string resourceVersion) =>
        pod with { Metadata = pod.Metadata with { Labels = new() { ["app"] = app }, ResourceVersion = resourceVersion } };

    private static WatchFilter Filter(string? labels = null, string? fields = null, string? @namespace = null) =>
        new(Pods, @namespace, LabelSelector.Parse(labels), FieldSelector.Parse(fields));

    [Theory]
    [InlineData(null, true, "ADDED")]
    [InlineData("app=web", true, "ADDED")]
    [InlineData("app=api", false, null)]
    public void A_create_is_added_when_the_object_is_selected(string? labels, bool selected, string? type)
    {
        var e = Filter(labels).EventFor(Change(10, null, Web));

        Assert.Equal(selected, e is not null);
        Assert.Equal(type, e?.Type);
    }

    [Fact]
    public void An_update_of_a_selected_object_is_modified()
    {
        var e = Filter().EventFor(Change(11, Web, Api))!.Value;

        Assert.Equal(WatchEventTypes.Modified, e.Type);
        Assert.Same(Api, e.Object);
    }

    [Fact]
    public void An_object_that_stops_matching_is_deleted_with_its_last_selected_state_at_the_change_version()
    {
        var e = Filter("app=web").EventFor(Change(11, Web, Api))!.Value;

        Assert.Equal(WatchEventTypes.Deleted, e.Type);
        Assert.Equal("web", e.Object.Metadata.Labels!["app"]);
        Assert.Equal("11", e.Object.Metadata.ResourceVersion);
    }

    [Fact]
    public void An_object_that_starts_matching_is_added()
    {
        var e = Filter("app=api").EventFor(Change(11, Web, Api))!.Value;

        Assert.Equal(WatchEventTypes.Added, e.Type);
        Assert.Same(Api, e.Object);
    }

    [Fact]
    public void A_delete_carries_the_last_state_with_the_deletion_version()
    {
        var e = Filter().EventFor(Change(12, Api, null))!.Value;

        Assert.Equal(WatchEventTypes.Deleted, e.Type);
        Assert.Equal("api", e.Object.Metadata.Labels!["app"]);
        Assert.Equal("12", e.Object.Metadata.ResourceVersion);
    }

    [Fact]
    public void A_field_selector_on_the_name_sees_only_that_object()
    {
        var filter = Filter(fields: "metadata.name=web");

        Assert.NotNull(filter.EventFor(Change(10, null, Web)));
        Assert.Null(filter.EventFor(Change(13, null, Pod("other"))));
    }

    [Fact]
    public void A_namespace_filter_ignores_other_namespaces()
    {
        var filter = Filter(@namespace: "default");

        Assert.NotNull(filter.EventFor(Change(10, null, Web)));
        Assert.Null(filter.EventFor(Change(13, null, Pod("web", "elsewhere"))));
    }

    [Fact]
    public void A_change_of_a_field_selected_on_moves_the_object_in_and_out()
    {
        var bound = Web with { Spec = Web.Spec with { NodeName = "node-1" } };
        var filter = Filter(fields: "spec.nodeName=node-1");

        Assert.Equal(WatchEventTypes.Added, filter.EventFor(Change(11, Web, bound))!.Value.Type);
        Assert.Equal(WatchEventTypes.Deleted, filter.EventFor(Change(12, bound, Web))!.Value.Type);
    }
}
