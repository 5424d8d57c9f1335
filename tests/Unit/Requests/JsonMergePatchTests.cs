using System.Text.Json.Nodes;
using EventOrch.Api.Requests;

namespace EventOrch.Tests.Unit.Requests;

public sealed class JsonMergePatchTests
{
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":{"b":"c","d":"e"}}""", """{"a":{"d":null,"f":"g"}}""", """{"a":{"b":"c","f":"g"}}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[3]}""", """{"a":[3]}""")]
    [InlineData("""{"a":"b"}""", """{"a":{"c":null}}""", """{"a":{}}""")]
    public void A_merge_patch_follows_rfc_7386(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result?.ToJsonString());
    }
}
