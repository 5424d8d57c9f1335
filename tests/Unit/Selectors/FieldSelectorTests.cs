using EventOrch.Contracts.Selectors;

namespace EventOrch.Tests.Unit.Selectors;

public sealed class FieldSelectorTests
{
    private static readonly Dictionary<string, string> Pod = new()
    {
        ["metadata.name"] = "web-1",
        ["metadata.namespace"] = "default",
        ["spec.nodeName"] = "node-a",
        ["status.phase"] = "Running",
    };

    private static string? ValueOf(string field) => Pod.GetValueOrDefault(field);

    private static FieldSelector Parse(string text)
    {
        Assert.True(FieldSelector.TryParse(text, out var selector, out var error), error);
        return selector;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(",")]
    public void Empty_text_selects_everything(string? text)
    {
        var selector = Parse(text!);

        Assert.True(selector.IsEverything);
        Assert.True(selector.Matches(ValueOf));
    }

    [Theory]
    [InlineData("metadata.name=web-1", true)]
    [InlineData("metadata.name==web-1", true)]
    [InlineData("metadata.name!=web-1", false)]
    [InlineData("metadata.name=web-2", false)]
    [InlineData("spec.nodeName=node-a,status.phase=Running", true)]
    [InlineData("spec.nodeName=node-a,status.phase!=Running", false)]
    [InlineData("spec.nodeName!=", true)]
    [InlineData("metadata.uid=", true)]
    public void Terms_compare_the_object_value_and_are_anded(string text, bool matches) =>
        Assert.Equal(matches, Parse(text).Matches(ValueOf));

    [Fact]
    public void Requirements_are_sorted_and_carry_the_operator()
    {
        var selector = Parse("status.phase!=Failed,spec.nodeName=node-a");

        Assert.Equal(
            [new FieldRequirement("spec.nodeName", FieldOperator.Equals, "node-a"), new FieldRequirement("status.phase", FieldOperator.NotEquals, "Failed")],
            selector.Requirements);
        Assert.Equal("spec.nodeName=node-a,status.phase!=Failed", selector.ToString());
    }

    [Theory]
    [InlineData(@"metadata.name=a\,b", "a,b")]
    [InlineData(@"metadata.name=a\=b", "a=b")]
    [InlineData(@"metadata.name=a\\b", @"a\b")]
    public void Backslash_escapes_commas_equals_and_backslashes_in_values(string text, string value)
    {
        var selector = Parse(text);

        Assert.Equal(value, Assert.Single(selector.Requirements).Value);
        Assert.Equal(text, selector.ToString());
    }

    [Theory]
    [InlineData("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'")]
    [InlineData("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'")]
    [InlineData(@"metadata.name=a\!b", @"invalid field selector: invalid escape sequence: \!")]
    [InlineData(@"metadata.name=a\", @"invalid field selector: invalid escape sequence: \")]
    [InlineData("metadata.name=a=b", "invalid field selector: unescaped character in value: =")]
    public void Malformed_selectors_are_rejected_with_kubernetes_messages(string text, string error)
    {
        Assert.False(FieldSelector.TryParse(text, out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Fact]
    public void First_unsupported_names_the_first_field_outside_the_set()
    {
        var supported = new HashSet<string> { "metadata.name", "spec.nodeName" };

        Assert.Equal("spec.restartPolicy", Parse("spec.restartPolicy=Always,spec.nodeName=a").FirstUnsupported(supported));
        Assert.Null(Parse("metadata.name=a,spec.nodeName=b").FirstUnsupported(supported));
    }

    [Fact]
    public void An_exact_match_requirement_can_be_read_back()
    {
        var selector = Parse("spec.nodeName=node-a,status.phase!=Failed");

        Assert.True(selector.TryGetExactMatch("spec.nodeName", out var node));
        Assert.Equal("node-a", node);
        Assert.False(selector.TryGetExactMatch("status.phase", out _));
    }
}
