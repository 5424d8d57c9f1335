using System.Text.Json;
using EventOrch.Api.Replays;

namespace EventOrch.Tests.Unit.Replays;

public sealed class JsonDifferencesTests
{
    private static IReadOnlyList<string> Between(string live, string replayed)
    {
        using var a = JsonDocument.Parse(live);
        using var b = JsonDocument.Parse(replayed);
        return JsonDifferences.Between(a.RootElement, b.RootElement);
    }

    [Theory]
    [InlineData("""{"a":1,"b":{"c":[1,2]}}""", """{"b":{"c":[1,2]},"a":1}""")]
    [InlineData("""{"n":1.0}""", """{"n":1}""")]
    [InlineData("""{"n":1e2}""", """{"n":100}""")]
    [InlineData("[]", "[]")]
    [InlineData("""{"t":true,"s":"x","z":null}""", """{"z":null,"s":"x","t":true}""")]
    public void Documents_with_the_same_values_do_not_differ_whatever_their_member_order_or_number_spelling(string live, string replayed)
    {
        Assert.Empty(Between(live, replayed));
    }

    [Theory]
    [InlineData("""{"object":{"spec":{"containers":[{"image":"a"}]}}}""", """{"object":{"spec":{"containers":[{"image":"b"}]}}}""", "object.spec.containers[0].image")]
    [InlineData("""{"sequence":41}""", """{"sequence":42}""", "sequence")]
    [InlineData("""{"ready":true}""", """{"ready":false}""", "ready")]
    [InlineData("""{"labels":{"app.kubernetes.io/name":"web"}}""", """{"labels":{"app.kubernetes.io/name":"db"}}""", "labels[\"app.kubernetes.io/name\"]")]
    [InlineData("""{"a":{"b":1}}""", """{"a":[1]}""", "a")]
    [InlineData("""{"a":null}""", """{}""", "a")]
    [InlineData("""{}""", """{"status":{"phase":"Running","conditions":[{}]}}""", "status")]
    [InlineData("""{"items":[1,2]}""", """{"items":[1,2,3]}""", "items[2]")]
    [InlineData("1", "2", ".")]
    public void A_difference_is_named_by_the_path_to_it_and_a_subtree_on_one_side_only_by_its_root(string live, string replayed, string path)
    {
        Assert.Equal([path], Between(live, replayed));
    }

    [Fact]
    public void Every_differing_path_is_listed_in_document_order_then_those_only_the_rebuilt_side_has()
    {
        var paths = Between("""{"name":"web","spec":{"replicas":2,"paused":false},"old":1}""",
            """{"name":"api","spec":{"replicas":3,"paused":false},"new":1}""");

        Assert.Equal(["name", "spec.replicas", "old", "new"], paths);
    }

    [Fact]
    public void No_more_paths_than_asked_for_are_listed()
    {
        using var a = JsonDocument.Parse("""{"a":1,"b":2,"c":3}""");
        using var b = JsonDocument.Parse("""{"a":9,"b":9,"c":9}""");

        Assert.Equal(["a", "b"], JsonDifferences.Between(a.RootElement, b.RootElement, max: 2));
    }
}
