using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.Serialization;

namespace EventOrch.Tests.Unit.Serialization;

public sealed class YamlToJsonTests
{
    [Theory]
    [InlineData("port: 8080", """{"port":8080}""")]
    [InlineData("port: \"8080\"", """{"port":"8080"}""")]
    [InlineData("cpu: 1.5", """{"cpu":1.5}""")]
    [InlineData("cpu: 500m", """{"cpu":"500m"}""")]
    [InlineData("on: true\noff: False", """{"on":true,"off":false}""")]
    [InlineData("a: ~\nb: null\nc:", """{"a":null,"b":null,"c":null}""")]
    [InlineData("list: [a, 2]", """{"list":["a",2]}""")]
    [InlineData("m: {k: v}", """{"m":{"k":"v"}}""")]
    [InlineData("version: 'yes'", """{"version":"yes"}""")]
    public void Plain_scalars_are_typed_and_quoted_ones_stay_strings(string yaml, string json)
    {
        var node = YamlToJson.Convert(yaml);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), node), node?.ToJsonString());
    }

    [Theory]
    [InlineData("defaultMode: 0644", """{"defaultMode":420}""")]
    [InlineData("defaultMode: 0400", """{"defaultMode":256}""")]
    [InlineData("defaultMode: 0o644", """{"defaultMode":420}""")]
    [InlineData("n: -010", """{"n":-8}""")]
    [InlineData("n: 0", """{"n":0}""")]
    [InlineData("n: 08", """{"n":8}""")]
    [InlineData("defaultMode: \"0644\"", """{"defaultMode":"0644"}""")]
    [InlineData("defaultMode: '0644'", """{"defaultMode":"0644"}""")]
    public void A_plain_integer_with_a_leading_zero_is_octal_as_kubectl_reads_it(string yaml, string json)
    {
        var node = YamlToJson.Convert(yaml);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), node), node?.ToJsonString());
    }

    [Fact]
    public void Every_document_of_a_stream_is_read_in_order()
    {
        var nodes = YamlToJson.ConvertAll("a: 1\n---\nb: two\n---\n");

        Assert.Equal(["""{"a":1}""", """{"b":"two"}"""], nodes.Where(n => n is not null).Select(n => n!.ToJsonString()));
    }
}
