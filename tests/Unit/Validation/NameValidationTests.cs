using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public sealed class NameValidationTests
{
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character " +
        "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    [Theory]
    [InlineData("web")]
    [InlineData("web-1.example.com")]
    [InlineData("0")]
    public void Valid_dns_subdomains_pass(string name) => Assert.Empty(NameValidation.IsDns1123Subdomain(name));

    [Theory]
    [InlineData("Foo_bar")]
    [InlineData("-web")]
    [InlineData("web.")]
    [InlineData("")]
    [InlineData("web\n")]
    public void Invalid_dns_subdomains_fail_with_kubernetes_message(string name) =>
        Assert.Equal([SubdomainMessage], NameValidation.IsDns1123Subdomain(name));

    [Fact]
    public void A_dns_subdomain_is_at_most_253_characters()
    {
        var name = string.Join(".", Enumerable.Repeat(new string('a', 63), 4));

        Assert.Equal(["must be no more than 253 characters"], NameValidation.IsDns1123Subdomain(name));
    }

    [Theory]
    [InlineData("web", new string[0])]
    [InlineData("web.example", new[] { "must not contain dots" })]
    [InlineData("Web", new[] { LabelMessage })]
    public void Dns_labels_forbid_dots_and_uppercase(string name, string[] errors) =>
        Assert.Equal(errors, NameValidation.IsDns1123Label(name));

    [Fact]
    public void A_dns_label_is_at_most_63_characters() =>
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsDns1123Label(new string('a', 64)));

    [Theory]
    [InlineData("app")]
    [InlineData("App.Name_1")]
    [InlineData("example.com/app")]
    [InlineData("kubernetes.io/hostname")]
    public void Valid_qualified_names_pass(string name) => Assert.Empty(NameValidation.IsQualifiedName(name));

    [Theory]
    [InlineData("/app", "prefix part must be non-empty")]
    [InlineData("Example.com/app", "prefix part a lowercase RFC 1123 subdomain must consist of")]
    [InlineData("example.com/", "name part must be non-empty")]
    [InlineData("_app", "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    [InlineData("a/b/c", "a qualified name must consist of alphanumeric characters")]
    public void Invalid_qualified_names_name_the_broken_part(string name, string start) =>
        Assert.StartsWith(start, NameValidation.IsQualifiedName(name)[0]);

    [Fact]
    public void A_qualified_name_part_is_at_most_63_characters() =>
        Assert.Equal(["name part must be no more than 63 characters"], NameValidation.IsQualifiedName(new string('a', 64)));

    [Theory]
    [InlineData("", true)]
    [InlineData("v1.2_beta-3", true)]
    [InlineData("-x", false)]
    [InlineData("a b", false)]
    public void Label_values_may_be_empty_or_qualified_names(string value, bool valid) =>
        Assert.Equal(valid, NameValidation.IsValidLabelValue(value).Count == 0);

    [Fact]
    public void A_label_value_is_at_most_63_characters() =>
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsValidLabelValue(new string('a', 64)));

    [Theory]
    [InlineData("http", new string[0])]
    [InlineData("web-2", new string[0])]
    [InlineData("1234", new[] { "must contain at least one letter (a-z)" })]
    [InlineData("a--b", new[] { "must not contain consecutive hyphens" })]
    [InlineData("-http", new[] { "must not begin or end with a hyphen" })]
    [InlineData("HTTP", new[] { "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", "must contain at least one letter (a-z)" })]
    [InlineData("abcdefghijklmnop", new[] { "must be no more than 15 characters" })]
    public void Port_names_follow_iana_svc_name(string name, string[] errors) =>
        Assert.Equal(errors, NameValidation.IsValidPortName(name));

    [Theory]
    [InlineData(1, true)]
    [InlineData(65535, true)]
    [InlineData(0, false)]
    [InlineData(65536, false)]
    public void Port_numbers_are_between_1_and_65535(int port, bool valid) =>
        Assert.Equal(valid, NameValidation.IsValidPortNum(port).Count == 0);

    [Theory]
    [InlineData("PATH", new string[0])]
    [InlineData("my.env-name", new string[0])]
    [InlineData("_X1", new string[0])]
    [InlineData("..", new[] { "must not be '..'" })]
    [InlineData("..x", new[] { "must not start with '..'" })]
    public void Env_names_follow_the_c_identifier_like_rule(string name, string[] errors) =>
        Assert.Equal(errors, NameValidation.IsEnvVarName(name));

    [Fact]
    public void An_env_name_may_not_start_with_a_digit() =>
        Assert.StartsWith("a valid environment variable name must consist of", Assert.Single(NameValidation.IsEnvVarName("1X")));

    [Theory]
    [InlineData("web-", true)]
    [InlineData("Web-", false)]
    public void A_generate_name_prefix_may_end_with_a_dash(string prefix, bool valid) =>
        Assert.Equal(valid, NameValidation.NameIsDnsSubdomain(prefix, prefix: true).Count == 0);
}
