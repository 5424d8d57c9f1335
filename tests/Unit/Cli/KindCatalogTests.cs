using EventOrch.Cli;
using EventOrch.Cli.Resources;
using EventOrch.ClientRuntime.Discovery;

namespace EventOrch.Tests.Unit.Cli;

public sealed class KindCatalogTests
{
    private static readonly string[] Verbs = ["get", "list"];

    // As discovery lists them: events in the core group and in events.k8s.io, which kubectl resolves to the core one.
    private static readonly KindCatalog Discovered = new(
    [
        new ApiResource("v1", "pods", "Pod", true, Verbs, ["po"], "pod", ["all"]),
        new ApiResource("v1", "pods/log", "Pod", true, ["get"], []),
        new ApiResource("v1", "events", "Event", true, Verbs, ["ev"], "event"),
        new ApiResource("v1", "configmaps", "ConfigMap", true, Verbs, ["cm"], "configmap"),
        new ApiResource("apps/v1", "deployments", "Deployment", true, Verbs, ["deploy"], "deployment", ["all"]),
        new ApiResource("apps/v1", "deployments/scale", "Scale", true, Verbs, []),
        new ApiResource("events.k8s.io/v1", "events", "Event", true, Verbs, ["ev"], "event"),
        new ApiResource("networking.k8s.io/v1", "ingresses", "Ingress", true, Verbs, ["ing"], "ingress"),
    ], fromDiscovery: true);

    [Theory]
    [InlineData("pods", "v1", "pods")]
    [InlineData("pod", "v1", "pods")]
    [InlineData("po", "v1", "pods")]
    [InlineData("Pod", "v1", "pods")]
    [InlineData("deploy", "apps/v1", "deployments")]
    [InlineData("deployments.apps", "apps/v1", "deployments")]
    [InlineData("deployment.v1.apps", "apps/v1", "deployments")]
    [InlineData("cm", "v1", "configmaps")]
    [InlineData("ev", "v1", "events")]
    [InlineData("events.events.k8s.io", "events.k8s.io/v1", "events")]
    [InlineData("ing", "networking.k8s.io/v1", "ingresses")]
    [InlineData("Ingress.networking.k8s.io", "networking.k8s.io/v1", "ingresses")]
    public void A_kind_resolves_by_plural_singular_short_name_or_kind_with_an_optional_group(string text, string groupVersion, string plural)
    {
        var resource = Discovered.Resolve(text);

        Assert.Equal((groupVersion, plural), (resource.GroupVersion, resource.Name));
    }

    [Theory]
    [InlineData("widgets")]
    [InlineData("pods.apps")]
    [InlineData("scale")]
    public void An_unknown_kind_is_refused_as_kubectl_words_it(string text)
    {
        var error = Assert.Throws<CliException>(() => Discovered.Resolve(text));

        Assert.Equal($"the server doesn't have a resource type \"{text}\"", error.Message);
    }

    [Fact]
    public void A_manifests_apiVersion_and_kind_name_the_resource_and_an_unserved_one_is_an_error()
    {
        Assert.Equal("deployments", Discovered.ForKind("apps/v1", "Deployment").Name);
        Assert.StartsWith("resource mapping not found for kind \"Deployment\" in version \"apps/v1beta1\"",
            Assert.Throws<CliException>(() => Discovered.ForKind("apps/v1beta1", "Deployment")).Message);
    }

    [Fact]
    public void Subresources_and_categories_come_from_discovery()
    {
        var deployments = Discovered.Resolve("deploy");

        Assert.True(Discovered.Serves(deployments, "scale"));
        Assert.False(Discovered.Serves(Discovered.Resolve("po"), "scale"));
        Assert.Equal(["pods", "deployments"], Discovered.InCategory("all").Select(r => r.Name));
        Assert.True(Discovered.ServesEvents);
    }

    [Fact]
    public void Without_discovery_the_built_in_kinds_are_served_with_their_scale_subresources()
    {
        var builtIn = KindCatalog.BuiltIn();

        Assert.False(builtIn.FromDiscovery);
        Assert.Null(builtIn.ServesEvents);
        Assert.Equal(("apps/v1", true), (builtIn.Resolve("rs").GroupVersion, builtIn.Serves(builtIn.Resolve("rs"), "scale")));
        Assert.Equal("namespaces", builtIn.Resolve("ns").Name);
        Assert.False(builtIn.Resolve("ns").Namespaced);
        Assert.Null(builtIn.TryResolve("scale"));
    }

    [Fact]
    public void Resource_arguments_read_kinds_with_names_or_kind_slash_name_pairs()
    {
        var byKind = ResourceArguments.Parse(["po,deploy", "a", "b"], Discovered, "get");
        var pairs = ResourceArguments.Parse(["po/a", "deploy/web", "pod/b"], Discovered, "get");
        var all = ResourceArguments.Parse(["all"], Discovered, "get");

        Assert.Equal([("pods", "a,b"), ("deployments", "a,b")], byKind.Select(s => (s.Resource.Name, string.Join(",", s.Names))));
        Assert.Equal([("pods", "a,b"), ("deployments", "web")], pairs.Select(s => (s.Resource.Name, string.Join(",", s.Names))));
        Assert.Equal(["pods", "deployments"], all.Select(s => s.Resource.Name));
    }

    [Theory]
    [InlineData(new string[0], "you must specify the type of resource to get")]
    [InlineData(new[] { "po", "po/a" }, "there is no need to specify a resource type as a separate argument")]
    [InlineData(new[] { "po/" }, "there is no need to specify a resource type as a separate argument")]
    public void Resource_arguments_that_mix_forms_or_name_no_kind_are_refused(string[] arguments, string message) =>
        Assert.StartsWith(message, Assert.Throws<CliException>(() => ResourceArguments.Parse(arguments, Discovered, "get")).Message);
}
