using System.Text.Json.Nodes;
using EventOrch.Cli.Apply;
using EventOrch.ClientRuntime.Discovery;

namespace EventOrch.Tests.Unit.Cli;

public sealed class ThreeWayMergeTests
{
    private static JsonObject Json(string text) => (JsonObject)JsonNode.Parse(text)!;

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual.ToJsonString());

    [Fact]
    public void Fields_the_file_does_not_set_keep_what_the_server_and_others_wrote()
    {
        var live = Json("""{"spec":{"replicas":5,"paused":false},"status":{"replicas":5}}""");
        var file = Json("""{"spec":{"paused":false}}""");

        var merged = ThreeWayMerge.Merge(Json("""{"spec":{"paused":false}}"""), file, live);

        AssertJson("""{"spec":{"replicas":5,"paused":false},"status":{"replicas":5}}""", merged);
    }

    [Fact]
    public void A_field_the_last_apply_set_and_this_file_drops_is_removed_but_one_never_applied_stays()
    {
        var original = Json("""{"metadata":{"labels":{"app":"web","tier":"front"}}}""");
        var file = Json("""{"metadata":{"labels":{"app":"web"}}}""");
        var live = Json("""{"metadata":{"labels":{"app":"web","tier":"front","team":"ops"}}}""");

        var merged = ThreeWayMerge.Merge(original, file, live);

        AssertJson("""{"metadata":{"labels":{"app":"web","team":"ops"}}}""", merged);
    }

    [Fact]
    public void Without_a_last_applied_configuration_nothing_is_removed()
    {
        var merged = ThreeWayMerge.Merge(null, Json("""{"a":1}"""), Json("""{"a":2,"b":3}"""));

        AssertJson("""{"a":1,"b":3}""", merged);
    }

    [Fact]
    public void Containers_merge_by_name_so_server_defaults_inside_them_survive_and_an_unchanged_file_changes_nothing()
    {
        var file = Json("""{"spec":{"containers":[{"name":"main","image":"busybox","ports":[{"containerPort":8080}]}]}}""");
        var live = Json("""
            {"spec":{"containers":[{"name":"main","image":"busybox","imagePullPolicy":"Always",
              "ports":[{"containerPort":8080,"protocol":"TCP"}],"terminationMessagePath":"/dev/termination-log"}]}}
            """);

        var merged = ThreeWayMerge.Merge(file, file, live);

        Assert.True(JsonNode.DeepEquals(live, merged), merged.ToJsonString());
    }

    [Fact]
    public void A_container_dropped_from_the_file_goes_and_one_another_writer_added_stays()
    {
        var original = Json("""{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]}""");
        var file = Json("""{"containers":[{"name":"a","image":"x2"}]}""");
        var live = Json("""{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"},{"name":"sidecar","image":"z"}]}""");

        var merged = ThreeWayMerge.Merge(original, file, live);

        AssertJson("""{"containers":[{"name":"a","image":"x2"},{"name":"sidecar","image":"z"}]}""", merged);
    }

    [Fact]
    public void Service_ports_merge_by_port_keeping_an_allocated_node_port()
    {
        var file = Json("""{"spec":{"type":"NodePort","ports":[{"port":80,"targetPort":8080}]}}""");
        var live = Json("""{"spec":{"type":"NodePort","clusterIP":"10.0.0.4","ports":[{"port":80,"targetPort":8080,"protocol":"TCP","nodePort":30080}]}}""");

        var merged = ThreeWayMerge.Merge(null, file, live);

        Assert.True(JsonNode.DeepEquals(live, merged), merged.ToJsonString());
    }

    [Theory]
    [InlineData("""["sh","-c","echo hi"]""", """["sh","-c","echo hi"]""", """["sh","-c","echo hi"]""")]
    [InlineData("""["sh","-c","echo bye"]""", """["sh","-c","echo hi"]""", """["sh","-c","echo bye"]""")]
    [InlineData("""[{"key":"a","operator":"Exists"}]""", """[{"key":"a","operator":"Exists","effect":""}]""", """[{"key":"a","operator":"Exists","effect":""}]""")]
    [InlineData("""[{"key":"b","operator":"Exists"}]""", """[{"key":"a","operator":"Exists","effect":""}]""", """[{"key":"b","operator":"Exists"}]""")]
    public void A_list_without_a_merge_key_is_the_files_unless_the_live_one_already_holds_it(string file, string live, string expected)
    {
        var merged = ThreeWayMerge.Merge(null, Json($$"""{"list":{{file}}}"""), Json($$"""{"list":{{live}}}"""));

        AssertJson($$"""{"list":{{expected}}}""", merged);
    }

    [Fact]
    public void An_explicit_null_in_the_file_removes_the_field()
    {
        var merged = ThreeWayMerge.Merge(null, Json("""{"spec":{"paused":null}}"""), Json("""{"spec":{"paused":true,"replicas":1}}"""));

        AssertJson("""{"spec":{"replicas":1}}""", merged);
    }

    [Fact]
    public void Finalizers_merge_as_a_set()
    {
        var merged = ThreeWayMerge.Merge(Json("""{"finalizers":["mine","old"]}"""), Json("""{"finalizers":["mine","new"]}"""),
            Json("""{"finalizers":["theirs","mine","old"]}"""));

        AssertJson("""{"finalizers":["theirs","mine","new"]}""", merged);
    }

    [Fact]
    public void A_file_that_reorders_its_items_puts_them_in_its_order()
    {
        var merged = ThreeWayMerge.Merge(null, Json("""{"env":[{"name":"B","value":"2"},{"name":"A","value":"1"}]}"""),
            Json("""{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}"""));

        AssertJson("""{"env":[{"name":"B","value":"2"},{"name":"A","value":"1"}]}""", merged);
    }

    private static readonly ApiResource Deployments = new("apps/v1", "deployments", "Deployment", Namespaced: true, [], []);

    [Fact]
    public void Switching_a_deployments_strategy_to_recreate_drops_the_defaulted_rolling_update_as_retain_keys_says()
    {
        var original = Json("""{"spec":{"strategy":{"type":"RollingUpdate"}}}""");
        var file = Json("""{"spec":{"strategy":{"type":"Recreate"}}}""");
        var live = Json("""{"spec":{"replicas":2,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}}}}""");

        var merged = ThreeWayMerge.Merge(original, file, live, KindSchemas.For(Deployments));

        AssertJson("""{"spec":{"replicas":2,"strategy":{"type":"Recreate"}}}""", merged);
    }

    [Fact]
    public void A_volume_that_changes_its_source_keeps_only_the_new_one_and_volumes_of_others_stay()
    {
        var file = Json("""{"spec":{"template":{"spec":{"volumes":[{"name":"data","hostPath":{"path":"/srv"}}]}}}}""");
        var live = Json("""{"spec":{"template":{"spec":{"volumes":[{"name":"data","emptyDir":{}},{"name":"extra","emptyDir":{}}]}}}}""");

        var merged = ThreeWayMerge.Merge(null, file, live, KindSchemas.For(Deployments));

        AssertJson("""{"spec":{"template":{"spec":{"volumes":[{"name":"data","hostPath":{"path":"/srv"}},{"name":"extra","emptyDir":{}}]}}}}""", merged);
    }

    [Fact]
    public void In_a_kind_with_a_model_a_list_merges_only_where_the_model_marks_it_not_by_its_field_name()
    {
        var namespaces = new ApiResource("v1", "namespaces", "Namespace", Namespaced: false, [], []);
        var file = Json("""{"metadata":{"finalizers":["mine"]},"spec":{"finalizers":["kubernetes"]}}""");
        var live = Json("""{"metadata":{"finalizers":["theirs","mine"]},"spec":{"finalizers":["kubernetes","other"]}}""");

        var merged = ThreeWayMerge.Merge(null, file, live, KindSchemas.For(namespaces));

        AssertJson("""{"metadata":{"finalizers":["theirs","mine"]},"spec":{"finalizers":["kubernetes"]}}""", merged);
    }

    [Theory]
    [InlineData("ports", """[{"containerPort":80},{"containerPort":81}]""", "containerPort")]
    [InlineData("ports", """[{"port":80,"name":"http"}]""", "port")]
    [InlineData("volumeMounts", """[{"mountPath":"/a","name":"v"}]""", "mountPath")]
    [InlineData("whatever", """[{"name":"a"},{"name":"b"}]""", "name")]
    [InlineData("whatever", """[{"name":"a"},{"name":"a"}]""", null)]
    [InlineData("args", """["a","b"]""", null)]
    public void Lists_merge_by_kubernetes_merge_key_or_a_distinct_name(string field, string items, string? key) =>
        Assert.Equal(key, ThreeWayMerge.MergeKeyOf(field, (JsonArray)JsonNode.Parse(items)!));
}
