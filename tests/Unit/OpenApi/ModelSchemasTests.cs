using EventOrch.Api.Discovery;
using EventOrch.Api.OpenApi;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.OpenApi;

public sealed class ModelSchemasTests
{
    private static readonly GroupVersionKind PodKind = new("", "v1", "Pod");
    private static readonly GroupVersionKind ReplicaSetKind = new("apps", "v1", "ReplicaSet");
    private static readonly GroupVersionKind IngressKind = new("networking.k8s.io", "v1", "Ingress");

    [Fact]
    public void A_served_kind_is_named_in_its_group_package_and_a_type_it_holds_takes_the_package_of_the_first_kind_reaching_it()
    {
        var names = new SchemaNames([(typeof(Pod), PodKind), (typeof(ReplicaSet), ReplicaSetKind), (typeof(Ingress), IngressKind)]);

        Assert.Equal("io.k8s.api.core.v1.Pod", names.NameOf(typeof(Pod)));
        Assert.Equal("io.k8s.api.core.v1.PodSpec", names.NameOf(typeof(PodSpec)));
        Assert.Equal("io.k8s.api.apps.v1.ReplicaSet", names.NameOf(typeof(ReplicaSet)));
        Assert.Equal("io.k8s.api.apps.v1.PodTemplateSpec", names.NameOf(typeof(PodTemplateSpec)));
        Assert.Equal("io.k8s.api.networking.v1.IngressRule", names.NameOf(typeof(IngressRule)));
        Assert.Equal("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", names.NameOf(typeof(ObjectMeta)));
        Assert.Equal("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector", names.NameOf(typeof(LabelSelectorSpec)));
        Assert.Null(names.NameOf(typeof(string)));
        Assert.Equal([PodKind], names.KindsOf(typeof(Pod)));
    }

    [Fact]
    public void A_v3_reference_with_a_description_is_wrapped_in_all_of_and_a_v2_one_keeps_it_beside_the_ref()
    {
        var names = new SchemaNames([(typeof(Pod), PodKind)]);

        var v3 = new ModelSchemas(names, v3: true).Reference(typeof(PodSpec), "the spec");
        var v2 = new ModelSchemas(names, v3: false).Reference(typeof(PodSpec), "the spec");

        Assert.Equal("""{"allOf":[{"$ref":"#/components/schemas/io.k8s.api.core.v1.PodSpec"}],"description":"the spec"}""", v3.ToJsonString());
        Assert.Equal("""{"$ref":"#/definitions/io.k8s.api.core.v1.PodSpec","description":"the spec"}""", v2.ToJsonString());
    }

    [Fact]
    public void Building_gives_every_schema_reached_from_the_references_made()
    {
        var schemas = new ModelSchemas(new SchemaNames([(typeof(Pod), PodKind)]), v3: true);
        schemas.Reference(typeof(Pod));

        var built = schemas.Build();

        Assert.NotNull(built["io.k8s.api.core.v1.Pod"]);
        Assert.NotNull(built["io.k8s.api.core.v1.ContainerStateTerminated"]);
        Assert.NotNull(built["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]);
        Assert.Null(built["io.k8s.api.core.v1.Service"]);
        var labels = built["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["properties"]!["labels"]!;
        Assert.Equal("""{"type":"object","additionalProperties":{"type":"string"}}""", labels.ToJsonString());
        var securityContext = built["io.k8s.api.core.v1.PodSpec"]!["properties"]!["securityContext"]!;
        Assert.True(securityContext["x-kubernetes-preserve-unknown-fields"]!.GetValue<bool>());
        Assert.Equal("uid", built["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["properties"]!["ownerReferences"]!["x-kubernetes-patch-merge-key"]!.GetValue<string>());
    }
}
