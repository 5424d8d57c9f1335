using EventOrch.Contracts.Selectors;

namespace EventOrch.Tests.Unit.Selectors;

public sealed class LabelSelectorTests
{
    private static Dictionary<string, string> Labels(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

    private static LabelSelector Parse(string text)
    {
        Assert.True(LabelSelector.TryParse(text, out var selector, out var error), error);
        return selector;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Empty_text_selects_everything(string? text)
    {
        var selector = Parse(text!);

        Assert.True(selector.IsEverything);
        Assert.True(selector.Matches(Labels("a=b")));
        Assert.True(selector.Matches(null));
        Assert.Equal("", selector.ToString());
    }

    [Theory]
    [InlineData("app=web", "app=web", true)]
    [InlineData("app=web", "app=db", false)]
    [InlineData("app=web", "", false)]
    [InlineData("app==web", "app=web", true)]
    [InlineData("app!=web", "app=db", true)]
    [InlineData("app!=web", "app=web", false)]
    [InlineData("app!=web", "", true)]
    [InlineData("app=", "app=", true)]
    public void An_equality_term_compares_one_value(string selector, string labels, bool matches) =>
        Assert.Equal(matches, Parse(selector).Matches(Labels(labels)));

    [Theory]
    [InlineData("env in (prod,staging)", "env=prod", true)]
    [InlineData("env in (prod,staging)", "env=staging", true)]
    [InlineData("env in (prod,staging)", "env=dev", false)]
    [InlineData("env in (prod,staging)", "", false)]
    [InlineData("env notin (prod,staging)", "env=dev", true)]
    [InlineData("env notin (prod,staging)", "env=prod", false)]
    [InlineData("env notin (prod,staging)", "", true)]
    [InlineData("env in (prod,)", "env=", true)]
    public void A_set_based_term_matches_only_listed_values(string selector, string labels, bool matches) =>
        Assert.Equal(matches, Parse(selector).Matches(Labels(labels)));

    [Theory]
    [InlineData("tier", "tier=x", true)]
    [InlineData("tier", "app=x", false)]
    [InlineData("!tier", "app=x", true)]
    [InlineData("!tier", "tier=x", false)]
    public void Exists_and_does_not_exist_look_only_at_the_key(string selector, string labels, bool matches) =>
        Assert.Equal(matches, Parse(selector).Matches(Labels(labels)));

    [Theory]
    [InlineData("replicas>3", "replicas=4", true)]
    [InlineData("replicas>3", "replicas=3", false)]
    [InlineData("replicas<3", "replicas=-1", true)]
    [InlineData("replicas>3", "replicas=many", false)]
    [InlineData("replicas>3", "", false)]
    public void Greater_and_less_than_compare_integer_values(string selector, string labels, bool matches) =>
        Assert.Equal(matches, Parse(selector).Matches(Labels(labels)));

    [Theory]
    [InlineData("app=web,env in (prod),!legacy", "app=web,env=prod", true)]
    [InlineData("app=web,env in (prod),!legacy", "app=web,env=prod,legacy=yes", false)]
    [InlineData("app=web,env in (prod),!legacy", "app=web,env=dev", false)]
    public void Comma_separated_terms_must_all_match(string selector, string labels, bool matches) =>
        Assert.Equal(matches, Parse(selector).Matches(Labels(labels)));

    [Theory]
    [InlineData("  app = web  ,  env  in  ( a , b )  ", "app=web,env in (a,b)")]
    [InlineData("x in (b,a,b)", "x in (a,b)")]
    [InlineData("b=1,a=2,!c", "a=2,b=1,!c")]
    [InlineData("a==b", "a==b")]
    [InlineData("a!=b", "a!=b")]
    [InlineData("a notin (x)", "a notin (x)")]
    [InlineData("a>1", "a>1")]
    [InlineData("in in (in,notin)", "in in (in,notin)")]
    [InlineData("example.com/app=web", "example.com/app=web")]
    public void Whitespace_is_tolerated_and_the_canonical_form_sorts_keys_and_values(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToString());

    [Theory]
    [InlineData("app=web=x", "found '=', expected: ',' or 'end of string'")]
    [InlineData("app web", "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("app in web", "unable to parse requirement: found 'web' expected: '('")]
    [InlineData("app in (a", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("app=web,", "found '', expected: identifier after ','")]
    [InlineData(",app", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer")]
    public void A_malformed_selector_is_a_parse_error_with_kubernetes_message(string text, string error)
    {
        Assert.False(LabelSelector.TryParse(text, out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Fact]
    public void An_invalid_key_is_reported_with_the_qualified_name_rule()
    {
        Assert.False(LabelSelector.TryParse("app:web", out _, out var error));

        Assert.Equal(
            "unable to parse requirement: <nil>: Invalid value: \"app:web\": name part must consist of alphanumeric characters, '-', '_' or '.', " +
            "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', " +
            "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            error);
    }

    [Fact]
    public void An_invalid_value_is_reported_under_its_key()
    {
        Assert.False(LabelSelector.TryParse("app=-web", out _, out var error));

        Assert.StartsWith("unable to parse requirement: values[0][app]: Invalid value: \"-web\": a valid label must be an empty string", error);
    }

    [Fact]
    public void Parse_throws_a_format_exception_for_an_invalid_selector() =>
        Assert.Throws<FormatException>(() => LabelSelector.Parse("a in"));

    [Fact]
    public void The_structured_form_ands_match_labels_and_expressions()
    {
        var selector = LabelSelector.FromMatch(
            new Dictionary<string, string> { ["app"] = "web" },
            [("env", "In", ["prod", "staging"]), ("legacy", "DoesNotExist", []), ("tier", "Exists", []), ("zone", "NotIn", ["b"])]);

        Assert.Equal("app=web,env in (prod,staging),!legacy,tier,zone notin (b)", selector.ToString());
        Assert.True(selector.Matches(Labels("app=web,env=prod,tier=front")));
        Assert.False(selector.Matches(Labels("app=web,env=prod")));
        Assert.False(selector.Matches(Labels("app=web,env=prod,tier=front,zone=b")));
    }

    [Fact]
    public void The_structured_form_without_terms_selects_everything() =>
        Assert.True(LabelSelector.FromMatch(null, null).IsEverything);

    [Theory]
    [InlineData("Gt", "\"Gt\" is not a valid label selector operator")]
    [InlineData("In", "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty")]
    public void The_structured_form_rejects_bad_expressions(string op, string error)
    {
        Assert.False(LabelSelector.TryFromMatch(null, [("env", op, [])], out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Fact]
    public void The_structured_form_rejects_an_invalid_key()
    {
        Assert.False(LabelSelector.TryFromMatch(new Dictionary<string, string> { ["a/b/c"] = "x" }, null, out _, out var error));
        Assert.StartsWith("key: Invalid value: \"a/b/c\": a qualified name must consist of", error);
    }

    [Fact]
    public void Nothing_matches_no_labels()
    {
        Assert.False(LabelSelector.Nothing.Matches(Labels("a=b")));
        Assert.False(LabelSelector.Nothing.IsEverything);
    }
}
