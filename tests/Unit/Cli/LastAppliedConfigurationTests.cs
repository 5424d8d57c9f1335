using System.Text.Json.Nodes;
using EventOrch.Cli.Apply;

namespace EventOrch.Tests.Unit.Cli;

public sealed class LastAppliedConfigurationTests
{
    [Fact]
    public void The_annotation_holds_the_file_as_kubectl_writes_it_sorted_compact_with_a_newline()
    {
        var file = (JsonObject)JsonNode.Parse("""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","labels":{"b":"2","a":"1"}}}""")!;

        var annotated = LastAppliedConfiguration.Annotate(file);

        Assert.Equal("""{"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"a":"1","b":"2"},"name":"p"}}""" + "\n",
            annotated["metadata"]!["annotations"]![LastAppliedConfiguration.Annotation]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(file, LastAppliedConfiguration.Read(annotated)));
    }

    [Fact]
    public void An_annotation_already_in_the_file_is_not_nested_in_the_new_one()
    {
        var file = (JsonObject)JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}}}
            """)!;

        var recorded = LastAppliedConfiguration.Read(LastAppliedConfiguration.Annotate(file))!;

        Assert.Null(recorded["metadata"]!["annotations"]);
    }

    [Fact]
    public void A_live_object_without_the_annotation_or_with_one_that_is_not_json_has_no_last_applied_configuration()
    {
        Assert.Null(LastAppliedConfiguration.Read((JsonObject)JsonNode.Parse("""{"metadata":{"name":"p"}}""")!));
        Assert.Null(LastAppliedConfiguration.Read((JsonObject)JsonNode.Parse("""
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"not json"}}}
            """)!));
    }
}
