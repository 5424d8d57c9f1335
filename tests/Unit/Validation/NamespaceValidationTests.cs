using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public sealed class NamespaceValidationTests
{
    private static Namespace Named(string name) => new() { Metadata = new ObjectMeta { Name = name } };

    [Theory]
    [InlineData("default")]
    [InlineData("team-a")]
    public void A_dns_label_is_a_valid_namespace_name(string name) => Assert.Empty(NamespaceValidation.ValidateCreate(Named(name)));

    [Theory]
    [InlineData("team.a", "metadata.name: Invalid value: \"team.a\": must not contain dots")]
    [InlineData("Team", "metadata.name: Invalid value: \"Team\": a lowercase RFC 1123 label must consist of")]
    public void A_namespace_name_must_be_a_dns_label(string name, string error) =>
        Assert.StartsWith(error, Assert.Single(NamespaceValidation.ValidateCreate(Named(name))).Message);

    [Fact]
    public void A_namespace_may_not_itself_have_a_namespace() =>
        Assert.Equal("metadata.namespace: Forbidden: not allowed on this type",
            Assert.Single(NamespaceValidation.ValidateCreate(Named("a") with { Metadata = new ObjectMeta { Name = "a", Namespace = "b" } })).Message);

    [Theory]
    [InlineData("kubernetes", true)]
    [InlineData("example.com/cleanup", true)]
    [InlineData("cleanup", false)]
    public void Spec_finalizers_are_standard_or_fully_qualified(string finalizer, bool valid)
    {
        var ns = Named("a") with { Spec = new NamespaceSpec { Finalizers = [finalizer] } };

        Assert.Equal(valid, NamespaceValidation.ValidateCreate(ns).Count == 0);
    }

    [Fact]
    public void An_update_may_change_labels_but_not_the_name()
    {
        var old = Named("a");

        Assert.Empty(NamespaceValidation.ValidateUpdate(old, old with { Metadata = old.Metadata with { Labels = new() { ["x"] = "y" } } }));
        Assert.Equal("metadata.name: Invalid value: \"b\": field is immutable", Assert.Single(NamespaceValidation.ValidateUpdate(old, Named("b"))).Message);
    }
}
