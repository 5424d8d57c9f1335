using System.Text.Json.Nodes;
using EventOrch.Api.Requests.Patching;

namespace EventOrch.Tests.Unit.Requests;

public sealed class JsonPatchTests
{
    private const string Pod = """{"metadata":{"name":"web","labels":{"app":"web","app.kubernetes.io/name":"web","a~b":"x"}},"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}}""";

    private static PatchResult Apply(string document, string operations) =>
        JsonPatch.Apply((JsonObject)JsonNode.Parse(document)!, (JsonArray)JsonNode.Parse(operations)!);

    [Theory]
    [InlineData("""[{"op":"add","path":"/metadata/labels/tier","value":"front"}]""", "/metadata/labels/tier", "\"front\"")]
    [InlineData("""[{"op":"add","path":"/spec/containers/1","value":{"name":"c"}}]""", "/spec/containers/1/name", "\"c\"")]
    [InlineData("""[{"op":"add","path":"/spec/containers/-","value":{"name":"c"}}]""", "/spec/containers/2/name", "\"c\"")]
    [InlineData("""[{"op":"remove","path":"/spec/containers/0"}]""", "/spec/containers/0/name", "\"b\"")]
    [InlineData("""[{"op":"replace","path":"/spec/containers/1/image","value":"b:2"}]""", "/spec/containers/1/image", "\"b:2\"")]
    [InlineData("""[{"op":"move","from":"/metadata/labels/app","path":"/metadata/labels/role"}]""", "/metadata/labels/role", "\"web\"")]
    [InlineData("""[{"op":"copy","from":"/spec/containers/0/image","path":"/spec/containers/1/image"}]""", "/spec/containers/1/image", "\"a:1\"")]
    [InlineData("""[{"op":"test","path":"/metadata/name","value":"web"},{"op":"replace","path":"/metadata/name","value":"web"}]""", "/metadata/name", "\"web\"")]
    [InlineData("""[{"op":"replace","path":"/metadata/labels/app.kubernetes.io~1name","value":"api"}]""", "/metadata/labels/app.kubernetes.io~1name", "\"api\"")]
    [InlineData("""[{"op":"remove","path":"/metadata/labels/a~0b"}]""", "/metadata/labels/a~0b", "null")]
    [InlineData("""[{"op":"test","path":"/metadata/labels/missing","value":null}]""", "/metadata/labels/app", "\"web\"")]
    public void Each_operation_changes_the_document_as_rfc_6902_says(string operations, string pointer, string expected)
    {
        var result = Apply(Pod, operations);

        Assert.Null(result.Error);
        Assert.True(JsonPointer.TryParse(pointer, out var path, out _));
        path.TryFind(result.Value, out var found);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), found), result.Value!.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/metadata/name","value":"db"}]""", "operation 0 (test /metadata/name) failed: the value at \"/metadata/name\" is \"web\", not \"db\"")]
    [InlineData("""[{"op":"add","path":"/metadata/labels/x","value":"1"},{"op":"remove","path":"/spec/nodeName"}]""", "operation 1 (remove /spec/nodeName) failed: the path \"/spec/nodeName\" does not exist")]
    [InlineData("""[{"op":"replace","path":"/spec/containers/5/image","value":"x"}]""", "the path \"/spec/containers/5/image\" does not exist")]
    [InlineData("""[{"op":"add","path":"/spec/affinity/nodeAffinity","value":{}}]""", "the path \"/spec/affinity\" does not exist")]
    [InlineData("""[{"op":"add","path":"/spec/containers/3","value":{}}]""", "\"3\" is not an index of the 2 elements at \"/spec/containers\"")]
    [InlineData("""[{"op":"add","path":"/spec/containers/01","value":{}}]""", "\"01\" is not an index")]
    [InlineData("""[{"op":"move","from":"/spec","path":"/spec/inner"}]""", "cannot be moved into itself")]
    [InlineData("""[{"op":"merge","path":"/spec"}]""", "unknown op \"merge\"")]
    [InlineData("""[{"op":"add","path":"spec","value":1}]""", "does not start with '/'")]
    [InlineData("""[{"op":"add","path":"/metadata/labels/a~2","value":1}]""", "'~' that is not followed by 0 or 1")]
    [InlineData("""[{"op":"add","path":"/metadata/labels/x"}]""", "it has no \"value\"")]
    [InlineData("""[{"path":"/metadata"}]""", "it has no \"op\"")]
    public void A_failing_operation_fails_the_whole_patch_with_422_and_says_why(string operations, string message)
    {
        var result = Apply(Pod, operations);

        Assert.Null(result.Value);
        Assert.Equal(422, result.Error!.Code);
        Assert.Equal("patch", result.Error.Field);
        Assert.Contains(message, result.Error.Message);
    }

    [Fact]
    public void A_failed_patch_leaves_the_document_unchanged()
    {
        var document = (JsonObject)JsonNode.Parse(Pod)!;

        JsonPatch.Apply(document, (JsonArray)JsonNode.Parse("""[{"op":"remove","path":"/metadata/labels/app"},{"op":"test","path":"/metadata/name","value":"db"}]""")!);

        Assert.Equal("web", document["metadata"]!["labels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public void Members_an_operation_does_not_have_are_strict_decoding_problems()
    {
        var problems = JsonPatch.UnknownFields((JsonArray)JsonNode.Parse("""[{"op":"add","path":"/a","value":1,"comment":"x"}]""")!);

        Assert.Equal(["json patch unknown field \"comment\""], problems);
    }
}
