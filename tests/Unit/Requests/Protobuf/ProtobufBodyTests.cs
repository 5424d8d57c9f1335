using System.Text.Json.Nodes;
using EventOrch.Api.Requests;
using EventOrch.Api.Requests.Protobuf;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Requests.Protobuf;

/// <summary>The bodies kubectl's generators send read into the JSON Kubernetes writes for the same objects: Go's unset
/// (zero) non-pointer fields left out, pointer fields kept even at zero, maps, bytes, IntOrString and Quantity as JSON.</summary>
public sealed class ProtobufBodyTests
{
    private static JsonNode Read(string fixture)
    {
        var result = ProtobufBody.ToJson(KubectlBodies.Read(fixture));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value!;
    }

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\n  actual {actual.ToJsonString()}");

    [Theory]
    [InlineData("create-namespace", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}}""")]
    [InlineData("create-configmap", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"a":"b","mode":"prod"}}""")]
    [InlineData("create-configmap-binary",
        """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"withbin"},"data":{"text":"hello"},"binaryData":{"blob":"AAH/Ymlu"}}""")]
    [InlineData("create-secret-generic",
        """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds"},"data":{"password":"czNjcjN0IQ==","user":"YWRtaW4="},"type":"Opaque"}""")]
    [InlineData("create-service-clusterip",
        """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080},{"name":"443-https","protocol":"TCP","port":443,"targetPort":"https"}],"selector":{"app":"web"},"type":"ClusterIP"}}""")]
    [InlineData("create-service-nodeport",
        """{"apiVersion":"v1","kind":"Service","metadata":{"name":"np","labels":{"app":"np"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080,"nodePort":30080}],"selector":{"app":"np"},"type":"NodePort"}}""")]
    [InlineData("create-service-headless",
        """{"apiVersion":"v1","kind":"Service","metadata":{"name":"headless","labels":{"app":"headless"}},"spec":{"selector":{"app":"headless"},"clusterIP":"None","type":"ClusterIP"}}""")]
    [InlineData("create-service-externalname",
        """{"apiVersion":"v1","kind":"Service","metadata":{"name":"ext","labels":{"app":"ext"}},"spec":{"selector":{"app":"ext"},"type":"ExternalName","externalName":"example.com"}}""")]
    [InlineData("create-deployment",
        """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"busybox","image":"eventorch/busybox:latest","command":["httpd","-f","-p","8080"],"ports":[{"containerPort":8080}]}]}}}}""")]
    [InlineData("create-deployment-two-images",
        """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"multi","labels":{"app":"multi"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"multi"}},"template":{"metadata":{"labels":{"app":"multi"}},"spec":{"containers":[{"name":"busybox","image":"busybox:1"},{"name":"nginx","image":"nginx:2"}]}}}}""")]
    public void A_generator_body_reads_as_the_json_kubernetes_writes_for_it(string fixture, string expected) =>
        AssertJson(expected, Read(fixture));

    [Fact]
    public void Create_ingress_reads_its_rules_with_the_embedded_rule_value_as_http()
    {
        AssertJson("""
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"simple","annotations":{"a":"b"}},
             "spec":{"ingressClassName":"default","tls":[{"hosts":["foo.com"],"secretName":"my-cert"}],
                     "rules":[{"host":"foo.com","http":{"paths":[{"path":"/bar","pathType":"Exact","backend":{"service":{"name":"svc1","port":{"number":8080}}}}]}}]}}
            """, Read("create-ingress"));
    }

    [Fact]
    public void Autoscale_reads_as_an_autoscaling_v1_horizontal_pod_autoscaler()
    {
        AssertJson("""
            {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"minReplicas":2,"maxReplicas":10,"targetCPUUtilizationPercentage":50}}
            """, Read("autoscale-cpu"));
    }

    [Fact]
    public void Autoscale_without_min_or_cpu_leaves_them_unset_for_the_server_to_default()
    {
        var spec = Read("autoscale-max-only")["spec"]!.AsObject();

        AssertJson("""{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"maxReplicas":4}""", spec);
    }

    [Fact]
    public void A_pointer_field_set_to_zero_is_kept_where_a_value_field_at_zero_is_not()
    {
        var body = Read("create-deployment-zero-replicas");

        Assert.Equal(0, body["spec"]!["replicas"]!.GetValue<int>());
        // minReadySeconds (a plain int32) and the empty status were on the wire at zero too.
        Assert.Null(body["spec"]!["minReadySeconds"]);
        Assert.Null(body["status"]);
    }

    [Fact]
    public void A_docker_registry_secret_keeps_its_type_and_config_bytes()
    {
        var body = Read("create-secret-docker-registry");

        Assert.Equal("kubernetes.io/dockerconfigjson", body["type"]!.GetValue<string>());
        var config = Convert.FromBase64String(body["data"]![".dockerconfigjson"]!.GetValue<string>());
        Assert.Contains("\"r.example\"", System.Text.Encoding.UTF8.GetString(config));
    }

    [Fact]
    public void The_json_types_as_the_model_through_the_same_reader_a_json_body_goes_through()
    {
        var node = Read("create-deployment");

        var deployment = RequestBody.ToObject<Deployment>(node, ResourceKind.Deployment, FieldValidation.Strict);

        Assert.True(deployment.IsSuccess, deployment.Error?.Message);
        Assert.Empty(deployment.Warnings ?? []);
        var container = Assert.Single(deployment.Value!.Spec.Template!.Spec.Containers);
        Assert.Equal(("busybox", "eventorch/busybox:latest", 8080), (container.Name, container.Image, Assert.Single(container.Ports!).Number));
        Assert.Equal(3, deployment.Value.Spec.Replicas);
    }

    [Fact]
    public void A_kind_without_a_schema_is_415_naming_it()
    {
        var result = ProtobufBody.ToJson(KubectlBodies.Read("create-job"));

        Assert.Equal(415, result.Error!.Code);
        Assert.Equal(StatusReasons.UnsupportedMediaType, result.Error.Reason);
        Assert.Contains("Job (batch/v1) is not read from protobuf", result.Error.Message);
    }
}
