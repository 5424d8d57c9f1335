using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Api.Requests.Patching;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Tests.Unit.Requests;

public sealed class StrategicMergePatchTests
{
    private static PatchResult Apply(Type kind, string original, string patch) => StrategicMergePatch.Apply(
        JsonDocument.Parse(original).RootElement, JsonDocument.Parse(patch).RootElement, PatchSchema.For(kind));

    private static void AssertPatched(Type kind, string original, string patch, string expected)
    {
        var result = Apply(kind, original, patch);

        Assert.Null(result.Error);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result.Value), result.Value?.ToJsonString());
    }

    [Theory]
    // Containers are merged by name: the patched one changes, the others stay where they were.
    [InlineData("""{"spec":{"containers":[{"name":"a","image":"a:1","ports":[{"containerPort":80}]},{"name":"b","image":"b:1"}]}}""",
        """{"spec":{"containers":[{"name":"b","image":"b:2"}]}}""",
        """{"spec":{"containers":[{"name":"a","image":"a:1","ports":[{"containerPort":80}]},{"name":"b","image":"b:2"}]}}""")]
    // Without $setElementOrder a new element comes before the server's (Kubernetes' order).
    [InlineData("""{"spec":{"containers":[{"name":"a","image":"a"}]}}""",
        """{"spec":{"containers":[{"name":"c","image":"c"}]}}""",
        """{"spec":{"containers":[{"name":"c","image":"c"},{"name":"a","image":"a"}]}}""")]
    // env is merged by name, and $setElementOrder puts the new variable where the manifest has it.
    [InlineData("""{"spec":{"containers":[{"name":"a","env":[{"name":"A","value":"1"}]}]}}""",
        """{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"a","$setElementOrder/env":[{"name":"A"},{"name":"B"}],"env":[{"name":"B","value":"2"}]}]}}""",
        """{"spec":{"containers":[{"name":"a","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}""")]
    // Container ports are merged by containerPort; $patch: delete removes one.
    [InlineData("""{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"name":"http"},{"containerPort":443}]}]}}""",
        """{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"$patch":"delete"},{"containerPort":443,"name":"https"}]}]}}""",
        """{"spec":{"containers":[{"name":"a","ports":[{"containerPort":443,"name":"https"}]}]}}""")]
    // $patch: replace as an element replaces the whole merged list.
    [InlineData("""{"spec":{"containers":[{"name":"a","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}""",
        """{"spec":{"containers":[{"name":"a","env":[{"name":"C","value":"3"},{"$patch":"replace"}]}]}}""",
        """{"spec":{"containers":[{"name":"a","env":[{"name":"C","value":"3"}]}]}}""")]
    // volumes by name, volumeMounts by mountPath.
    [InlineData("""{"spec":{"volumes":[{"name":"data","emptyDir":{}}],"containers":[{"name":"a","volumeMounts":[{"name":"data","mountPath":"/data"}]}]}}""",
        """{"spec":{"volumes":[{"name":"data","emptyDir":{"medium":"Memory"}}],"containers":[{"name":"a","volumeMounts":[{"mountPath":"/data","readOnly":true}]}]}}""",
        """{"spec":{"volumes":[{"name":"data","emptyDir":{"medium":"Memory"}}],"containers":[{"name":"a","volumeMounts":[{"name":"data","mountPath":"/data","readOnly":true}]}]}}""")]
    // Tolerations have no patch strategy: the list is replaced.
    [InlineData("""{"spec":{"tolerations":[{"key":"a","operator":"Exists"}]}}""",
        """{"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}}""",
        """{"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}}""")]
    // Maps merge and a null deletes, a key or a whole field.
    [InlineData("""{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"nodeSelector":{"disk":"ssd"}}}""",
        """{"metadata":{"labels":{"a":null,"c":"3"}},"spec":{"nodeSelector":null}}""",
        """{"metadata":{"labels":{"b":"2","c":"3"}},"spec":{}}""")]
    // $patch: replace on an object replaces it; $patch: delete empties it.
    [InlineData("""{"metadata":{"labels":{"a":"1","b":"2"},"annotations":{"x":"y"}}}""",
        """{"metadata":{"labels":{"$patch":"replace","c":"3"},"annotations":{"$patch":"delete"}}}""",
        """{"metadata":{"labels":{"c":"3"},"annotations":{}}}""")]
    // Finalizers are a set: merged without duplicates; $deleteFromPrimitiveList removes.
    [InlineData("""{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"finalizers":["b","c"]}}""", """{"metadata":{"finalizers":["a","b","c"]}}""")]
    [InlineData("""{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a","z"]}}""", """{"metadata":{"finalizers":["b"]}}""")]
    // Owner references are merged by uid.
    [InlineData("""{"metadata":{"ownerReferences":[{"uid":"1","kind":"ReplicaSet","name":"x","controller":true}]}}""",
        """{"metadata":{"ownerReferences":[{"uid":"1","controller":false},{"uid":"2","kind":"ReplicaSet","name":"y"}]}}""",
        """{"metadata":{"ownerReferences":[{"uid":"1","kind":"ReplicaSet","name":"x","controller":false},{"uid":"2","kind":"ReplicaSet","name":"y"}]}}""")]
    // $setElementOrder alone reorders.
    [InlineData("""{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
        """{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}""",
        """{"spec":{"containers":[{"name":"b"},{"name":"a"}]}}""")]
    // A deletion and an addition under $setElementOrder: the server's remaining element stays before the new one, as
    // Kubernetes orders them.
    [InlineData("""{"spec":{"containers":[{"name":"a"},{"name":"b","image":"b"},{"name":"d","image":"d"}]}}""",
        """{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"c"}],"containers":[{"name":"c"},{"name":"a","$patch":"delete"}]}}""",
        """{"spec":{"containers":[{"name":"b","image":"b"},{"name":"d","image":"d"},{"name":"c"}]}}""")]
    // Pod conditions (status) are merged by type.
    [InlineData("""{"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}]}}""",
        """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""",
        """{"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}]}}""")]
    // A field the pod has that is new in the patch is taken without its nulls and directives.
    [InlineData("""{"spec":{}}""", """{"spec":{"affinity":{"nodeAffinity":null,"$retainKeys":["nodeAffinity"]},"initContainers":[{"name":"i","image":null}]}}""",
        """{"spec":{"affinity":{},"initContainers":[{"name":"i"}]}}""")]
    public void A_pod_patch_merges_lists_by_their_keys_as_kubernetes_does(string original, string patch, string expected) =>
        AssertPatched(typeof(Pod), original, patch, expected);

    [Fact]
    public void A_deployment_template_merges_its_containers_and_retain_keys_clears_the_strategy()
    {
        AssertPatched(typeof(Deployment),
            """{"spec":{"replicas":1,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},"template":{"spec":{"containers":[{"name":"web","image":"web:1"},{"name":"log","image":"log:1"}]}}}}""",
            """{"spec":{"replicas":3,"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null},"template":{"spec":{"containers":[{"name":"web","image":"web:2"}]}}}}""",
            """{"spec":{"replicas":3,"strategy":{"type":"Recreate"},"template":{"spec":{"containers":[{"name":"web","image":"web:2"},{"name":"log","image":"log:1"}]}}}}""");
    }

    [Fact]
    public void Service_ports_are_merged_by_port_and_node_conditions_by_type()
    {
        AssertPatched(typeof(Service),
            """{"spec":{"ports":[{"name":"http","port":80},{"name":"https","port":443}]}}""",
            """{"spec":{"ports":[{"port":443,"targetPort":8443}]}}""",
            """{"spec":{"ports":[{"name":"http","port":80},{"name":"https","port":443,"targetPort":8443}]}}""");
        AssertPatched(typeof(Node),
            """{"spec":{"taints":[{"key":"a","effect":"NoSchedule"}]},"status":{"conditions":[{"type":"Ready","status":"True"}],"addresses":[{"type":"InternalIP","address":"127.0.0.1"}]}}""",
            """{"spec":{"unschedulable":true,"taints":[{"key":"b","effect":"NoExecute"}]},"status":{"conditions":[{"type":"MemoryPressure","status":"False"}]}}""",
            """{"spec":{"unschedulable":true,"taints":[{"key":"b","effect":"NoExecute"}]},"status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],"addresses":[{"type":"InternalIP","address":"127.0.0.1"}]}}""");
    }

    [Fact]
    public void A_kind_without_patch_strategies_merges_maps_and_replaces_lists()
    {
        AssertPatched(typeof(Endpoints),
            """{"metadata":{"labels":{"a":"1"}},"subsets":[{"addresses":[{"ip":"127.0.0.1"}]}]}""",
            """{"metadata":{"labels":{"b":"2"}},"subsets":[{"addresses":[{"ip":"127.0.0.2"}]}]}""",
            """{"metadata":{"labels":{"a":"1","b":"2"}},"subsets":[{"addresses":[{"ip":"127.0.0.2"}]}]}""");
    }

    [Theory]
    [InlineData("""{"spec":{"containers":[{"name":"a"}]}}""", """{"spec":{"containers":[{"image":"x"}]}}""", 400, "spec.containers[0]", "does not contain declared merge key: name")]
    [InlineData("""{"spec":{"containers":[{"name":"a"}]}}""", """{"spec":{"containers":[{"name":"a","$patch":"merge"}]}}""", 400, "spec.containers[0]", "merging lists cannot yet be specified")]
    [InlineData("""{"spec":{"containers":[{"name":"a"}]}}""", """{"spec":{"containers":[{"name":"a","$patch":"drop"}]}}""", 400, "spec.containers[0]", "unknown patch type: drop")]
    [InlineData("""{"metadata":{"labels":{"a":"1"}}}""", """{"metadata":{"labels":{"$patch":"merge"}}}""", 400, "metadata.labels", "unknown patch type: merge")]
    [InlineData("""{"spec":{"containers":[]}}""", """{"spec":{"containers":[["a"]]}}""", 422, "spec.containers", "lists of lists are not supported")]
    [InlineData("""{"spec":{"containers":[{"name":"a"}]}}""", """{"spec":{"containers":[{"name":"a"},"b"]}}""", 400, "spec.containers", "list element types are not identical")]
    [InlineData("""{"spec":{"containers":[{"name":"a"}]}}""", """{"spec":{"$retainKeys":["containers"],"nodeName":"n"}}""", 400, "spec.$retainKeys", "which the list does not retain")]
    [InlineData("""{"spec":{"containers":[{"name":"a"}]}}""", """{"spec":{"$retainKeys":"containers"}}""", 400, "spec.$retainKeys", "invalid patch format of retainKeys")]
    [InlineData("""{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
        """{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"b","image":"x"}]}}""", 400, "spec.$setElementOrder/containers", "doesn't match the $setElementOrder list")]
    [InlineData("""{"metadata":{"finalizers":["a"]}}""", """{"metadata":{"$deleteFromPrimitiveList":["a"]}}""", 400, "metadata.$deleteFromPrimitiveList", "invalid patch format of primitive list")]
    public void A_malformed_strategic_merge_patch_is_refused_naming_the_field(string original, string patch, int code, string field, string message)
    {
        var result = Apply(typeof(Pod), original, patch);

        Assert.Null(result.Value);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(field, result.Error.Field);
        Assert.Contains(message, result.Error.Message);
    }

    [Fact]
    public void The_patch_schema_reads_the_strategies_declared_on_the_models()
    {
        var pod = PatchSchema.For(typeof(Pod));
        var containers = pod.Field("spec").Schema.Field("containers");
        var ports = containers.Schema.Field("ports");
        var tolerations = pod.Field("spec").Schema.Field("tolerations");
        var labels = pod.Field("metadata").Schema.Field("labels");

        Assert.True(containers.Merges);
        Assert.Equal("name", containers.MergeKey);
        Assert.Equal(("containerPort", true), (ports.MergeKey, ports.Merges));
        Assert.False(tolerations.Merges);
        Assert.Same(PatchSchema.For(typeof(string)), labels.Schema.Field("any-key").Schema);
        Assert.True(PatchSchema.For(typeof(Deployment)).Field("spec").Schema.Field("template").Schema.Field("spec").Schema.Field("volumes").Merges);
    }
}
