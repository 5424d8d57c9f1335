using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>Client-side <c>kubectl apply</c>, re-applied with edited manifests: the bodies here are the ones kubectl 1.32
/// sent (captured with a logging proxy in front of the Api), a create carrying the
/// <c>kubectl.kubernetes.io/last-applied-configuration</c> annotation, then the three-way strategic merge patches it
/// computed from that annotation, the edited file and the live object. The results are what Kubernetes gives.</summary>
public sealed class KubectlApplyTests(ApiServer api) : IClassFixture<ApiServer>
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";
    private const string ApplyQuery = "?fieldManager=kubectl-client-side-apply&fieldValidation=Strict";
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";
    private const string Services = "/api/v1/namespaces/default/services";

    // The manifests as kubectl records them in the annotation (keys sorted, compact).
    private const string WebV1 = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web","tier":"front"},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"command":["httpd","-f","-p","8080"],"env":[{"name":"MODE","value":"prod"}],"image":"eventorch/busybox:1","name":"web","ports":[{"containerPort":8080,"name":"http"},{"containerPort":9090,"name":"metrics"}]},{"command":["sleep","3600"],"image":"eventorch/busybox:1","name":"sidecar"}]}}}}""";

    // Image changed, an env var added, the metrics port removed, replicas 2 -> 4, the tier label removed.
    private const string WebV2 = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"replicas":4,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"command":["httpd","-f","-p","8080"],"env":[{"name":"MODE","value":"prod"},{"name":"LOG_LEVEL","value":"debug"}],"image":"eventorch/busybox:2","name":"web","ports":[{"containerPort":8080,"name":"http"}]},{"command":["sleep","3600"],"image":"eventorch/busybox:1","name":"sidecar"}]}}}}""";

    private const string WebV1ToV2 = """{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"%LAST_APPLIED%"},"labels":{"tier":null}},"spec":{"replicas":4,"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],"containers":[{"$setElementOrder/env":[{"name":"MODE"},{"name":"LOG_LEVEL"}],"$setElementOrder/ports":[{"containerPort":8080}],"env":[{"name":"LOG_LEVEL","value":"debug"}],"image":"eventorch/busybox:2","name":"web","ports":[{"$patch":"delete","containerPort":9090}]}]}}}}""";

    // The sidecar removed, an env var replaced by another, a Recreate strategy, tolerations added.
    private const string WebV3 = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"replicas":4,"selector":{"matchLabels":{"app":"web"}},"strategy":{"type":"Recreate"},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"command":["httpd","-f","-p","8080"],"env":[{"name":"LOG_LEVEL","value":"info"}],"image":"eventorch/busybox:2","name":"web","ports":[{"containerPort":8080,"name":"http"}]}],"tolerations":[{"key":"dedicated","operator":"Exists"}]}}}}""";

    private const string WebV2ToV3 = """{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"%LAST_APPLIED%"}},"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"},"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"$setElementOrder/env":[{"name":"LOG_LEVEL"}],"env":[{"name":"LOG_LEVEL","value":"info"},{"$patch":"delete","name":"MODE"}],"name":"web"},{"$patch":"delete","name":"sidecar"}],"tolerations":[{"key":"dedicated","operator":"Exists"}]}}}}""";

    private const string ServiceV1 = """{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{"owner":"team-a"},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"ports":[{"name":"http","port":80,"targetPort":8080},{"name":"metrics","port":9090}],"selector":{"app":"web"}}}""";

    // A port added first, one removed, a targetPort now named, NodePort, the owner annotation removed.
    private const string ServiceV2 = """{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"ports":[{"name":"https","port":443,"targetPort":8443},{"name":"http","port":80,"targetPort":"http"}],"selector":{"app":"web"},"type":"NodePort"}}""";

    private const string ServiceV1ToV2 = """{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"%LAST_APPLIED%","owner":null}},"spec":{"$setElementOrder/ports":[{"port":443},{"port":80}],"ports":[{"name":"https","port":443,"targetPort":8443},{"port":80,"targetPort":"http"},{"$patch":"delete","port":9090}],"type":"NodePort"}}""";

    // What kubectl creates: the manifest, annotated with itself.
    private static string Created(string manifest)
    {
        var body = JsonNode.Parse(manifest)!;
        var annotations = body["metadata"]!["annotations"]!.AsObject();
        annotations[LastApplied] = manifest + "\n";
        return body.ToJsonString();
    }

    private static string Patch(string template, string manifest) =>
        template.Replace("\"%LAST_APPLIED%\"", JsonValue.Create(manifest + "\n").ToJsonString(), StringComparison.Ordinal);

    private async Task<T> SendOkAsync<T>(HttpMethod method, string path, string body, string contentType, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (code, result, response) = await api.Client.SendAsync<T>(method, path, body, contentType);
        Assert.True(code == expected, $"{code}: {await response.Content.ReadAsStringAsync()}");
        return result!;
    }

    [Fact]
    public async Task Reapplying_an_edited_deployment_changes_what_the_manifest_changed_and_keeps_the_rest()
    {
        await SendOkAsync<Deployment>(HttpMethod.Post, Deployments + ApplyQuery, Created(WebV1), "application/json", HttpStatusCode.Created);

        var v2 = await SendOkAsync<Deployment>(HttpMethod.Patch, $"{Deployments}/web{ApplyQuery}", Patch(WebV1ToV2, WebV2), "application/strategic-merge-patch+json");

        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, v2.Metadata.Labels);
        Assert.Equal(WebV2 + "\n", v2.Metadata.Annotations![LastApplied]);
        Assert.Equal(4, v2.Spec.Replicas);
        var containers = v2.Spec.Template!.Spec.Containers;
        Assert.Equal(["web", "sidecar"], containers.Select(c => c.Name));
        Assert.Equal("eventorch/busybox:2", containers[0].Image);
        Assert.Equal([("MODE", "prod"), ("LOG_LEVEL", "debug")], containers[0].Env!.Select(e => (e.Name, e.Value!)));
        Assert.Equal((8080, "http", "TCP"), (Assert.Single(containers[0].Ports!).Number, containers[0].Ports![0].Name, containers[0].Ports![0].Protocol));
        Assert.Equal("IfNotPresent", containers[0].ImagePullPolicy);
        Assert.Equal(["sleep", "3600"], containers[1].Command);
        Assert.Equal(DeploymentStrategyTypes.RollingUpdate, v2.Spec.Strategy!.Type);

        var v3 = await SendOkAsync<Deployment>(HttpMethod.Patch, $"{Deployments}/web{ApplyQuery}", Patch(WebV2ToV3, WebV3), "application/strategic-merge-patch+json");

        Assert.Equal(DeploymentStrategyTypes.Recreate, v3.Spec.Strategy!.Type);
        Assert.Null(v3.Spec.Strategy.RollingUpdate);
        var web = Assert.Single(v3.Spec.Template!.Spec.Containers);
        Assert.Equal([("LOG_LEVEL", "info")], web.Env!.Select(e => (e.Name, e.Value!)));
        Assert.Equal("dedicated", Assert.Single(v3.Spec.Template.Spec.Tolerations!).Key);
        Assert.Equal(4, v3.Spec.Replicas);
        Assert.Equal(3, v3.Metadata.Generation);
    }

    [Fact]
    public async Task Reapplying_an_edited_service_merges_its_ports_by_port_in_the_manifests_order()
    {
        await SendOkAsync<Service>(HttpMethod.Post, Services + ApplyQuery, Created(ServiceV1), "application/json", HttpStatusCode.Created);

        var v2 = await SendOkAsync<Service>(HttpMethod.Patch, $"{Services}/web{ApplyQuery}", Patch(ServiceV1ToV2, ServiceV2), "application/strategic-merge-patch+json");

        Assert.Equal(ServiceTypes.NodePort, v2.Spec.Type);
        Assert.Equal([("https", 443, "8443"), ("http", 80, "http")], v2.Spec.Ports!.Select(p => (p.Name!, p.Port, p.TargetPort.ToString()!)));
        Assert.All(v2.Spec.Ports!, p => Assert.InRange(p.NodePort!.Value, NodePortRange.First, NodePortRange.Last));
        Assert.Equal([LastApplied], v2.Metadata.Annotations!.Keys);
    }

    [Fact]
    public async Task Kubectl_set_image_set_env_rollout_restart_and_cordon_patches_apply()
    {
        var manifest = WebV1.Replace("\"name\":\"web\",\"namespace\"", "\"name\":\"tools\",\"namespace\"", StringComparison.Ordinal);
        await SendOkAsync<Deployment>(HttpMethod.Post, Deployments, Created(manifest), "application/json", HttpStatusCode.Created);
        await api.Client.RegisterAsync(TestNodes.New("kubectl-node"));
        const string smp = "application/strategic-merge-patch+json";

        // kubectl set image deploy/tools web=eventorch/busybox:3
        await SendOkAsync<Deployment>(HttpMethod.Patch, $"{Deployments}/tools?fieldManager=kubectl-set",
            """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],"containers":[{"image":"eventorch/busybox:3","name":"web"}]}}}}""", smp);
        // kubectl set env deploy/tools A=1
        await SendOkAsync<Deployment>(HttpMethod.Patch, $"{Deployments}/tools?fieldManager=kubectl-set",
            """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],"containers":[{"$setElementOrder/env":[{"name":"MODE"},{"name":"A"}],"env":[{"name":"A","value":"1"}],"name":"web"}]}}}}""", smp);
        // kubectl rollout restart deploy/tools
        var restarted = await SendOkAsync<Deployment>(HttpMethod.Patch, $"{Deployments}/tools?fieldManager=kubectl-rollout",
            """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-25T05:51:30Z"}}}}}""", smp);
        // kubectl cordon kubectl-node
        var cordoned = await SendOkAsync<Node>(HttpMethod.Patch, "/api/v1/nodes/kubectl-node", """{"spec":{"unschedulable":true}}""", smp);

        var web = restarted.Spec.Template!.Spec.Containers[0];
        Assert.Equal("eventorch/busybox:3", web.Image);
        Assert.Equal(["MODE", "A"], web.Env!.Select(e => e.Name));
        Assert.Equal("2026-11-25T05:51:30Z", restarted.Spec.Template.Metadata!.Annotations!["kubectl.kubernetes.io/restartedAt"]);
        Assert.Equal("eventorch/busybox:1", restarted.Spec.Template.Spec.Containers[1].Image);
        Assert.True(cordoned.Spec.Unschedulable);
    }
}
