using System.Text.Json.Nodes;
using EventOrch.Cli.Output;
using EventOrch.ClientRuntime.Serialization;

namespace EventOrch.Tests.Unit.Cli;

public sealed class YamlWriterTests
{
    [Fact]
    public void Objects_print_as_block_yaml_with_list_items_level_with_their_key()
    {
        var yaml = YamlWriter.Write(JsonNode.Parse("""{"kind":"Pod","spec":{"containers":[{"name":"main","args":[]}],"nodeSelector":{}}}"""));

        Assert.Equal("""
            kind: Pod
            spec:
              containers:
              - name: main
                args: []
              nodeSelector: {}

            """.ReplaceLineEndings("\n"), yaml);
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("true")]
    [InlineData("no")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("1.5")]
    [InlineData("2026-01-02T03:04:05Z")]
    [InlineData("a: b")]
    [InlineData("- x")]
    [InlineData("#comment")]
    [InlineData(" padded")]
    [InlineData("line one\nline two\n")]
    [InlineData("500m")]
    [InlineData("web-1")]
    public void Strings_read_back_as_the_same_strings(string text)
    {
        var original = new JsonObject { ["value"] = text };

        var back = YamlToJson.Convert(YamlWriter.Write(original));

        Assert.True(JsonNode.DeepEquals(original, back), YamlWriter.Write(original));
    }

    [Fact]
    public void Numbers_booleans_and_null_stay_what_they_are()
    {
        var original = JsonNode.Parse("""{"replicas":3,"ratio":0.5,"paused":false,"gone":null}""");

        Assert.True(JsonNode.DeepEquals(original, YamlToJson.Convert(YamlWriter.Write(original))));
    }
}
