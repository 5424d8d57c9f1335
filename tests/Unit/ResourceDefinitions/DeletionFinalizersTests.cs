using EventOrch.Api.Resources;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.ResourceDefinitions;

public sealed class DeletionFinalizersTests
{
    private static ReplicaSet Owner(params string[] finalizers) =>
        new() { Metadata = new ObjectMeta { Name = "web", Finalizers = finalizers.Length == 0 ? null : [.. finalizers] } };

    [Theory]
    [InlineData(null, new string[0], new string[0])]
    [InlineData("Background", new string[0], new string[0])]
    [InlineData("Orphan", new string[0], new[] { "orphan" })]
    [InlineData("Foreground", new string[0], new[] { "foregroundDeletion" })]
    [InlineData("Orphan", new[] { "example.com/a" }, new[] { "example.com/a", "orphan" })]
    [InlineData("Foreground", new[] { "orphan", "example.com/a" }, new[] { "example.com/a", "foregroundDeletion" })]
    [InlineData("Background", new[] { "foregroundDeletion", "example.com/a" }, new[] { "example.com/a" })]
    [InlineData(null, new[] { "orphan" }, new[] { "orphan" })]
    public void A_kind_that_owns_dependents_gets_the_finalizer_of_its_policy(string? policy, string[] existing, string[] expected) =>
        Assert.Equal(expected, new ReplicaSetDefinition().DeletionFinalizers(Owner(existing), policy));

    [Theory]
    [InlineData("Orphan")]
    [InlineData("Foreground")]
    [InlineData("Background")]
    public void A_kind_without_dependents_keeps_its_own_finalizers_whatever_the_policy(string policy)
    {
        var pod = new Pod { Metadata = new ObjectMeta { Name = "p", Finalizers = ["example.com/a"] } };

        Assert.Equal(["example.com/a"], new PodDefinition().DeletionFinalizers(pod, policy));
    }
}
