using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>kubectl 1.32's generator commands (create namespace|configmap|secret|deployment|service|ingress) send their objects
/// as application/vnd.kubernetes.protobuf and accept JSON back: the real kubectl against an in-process Api, then the
/// objects read back as JSON show what the protobuf carried, validated and defaulted as a JSON body would be.</summary>
public sealed class KubectlGeneratorTests(KubectlApiServer api) : IClassFixture<KubectlApiServer>
{
    private async Task<T> GetAsync<T>(string path)
    {
        var (code, body, response) = await api.Client.SendAsync<T>(HttpMethod.Get, path);
        Assert.True(code == HttpStatusCode.OK, $"{code}: {await response.Content.ReadAsStringAsync()}");
        return body!;
    }

    [Fact]
    public async Task Create_namespace_makes_an_active_namespace()
    {
        var output = await api.KubectlOkAsync("create", "namespace", "generated");

        Assert.Equal("namespace/generated created", output.Trim());
        var created = await GetAsync<Namespace>("/api/v1/namespaces/generated");
        Assert.Equal("Active", created.Status!.Phase);
        Assert.Equal("generated", created.Metadata.Labels!["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public async Task Create_configmap_keeps_text_and_binary_entries()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, [0x00, 0x01, 0xff, (byte)'b']);
        try
        {
            await api.KubectlOkAsync("create", "configmap", "settings", "--from-literal=mode=prod", "--from-literal=level=3", $"--from-file=blob={file}");
        }
        finally
        {
            File.Delete(file);
        }

        var created = await GetAsync<ConfigMap>("/api/v1/namespaces/default/configmaps/settings");
        Assert.Equal(new Dictionary<string, string> { ["mode"] = "prod", ["level"] = "3" }, created.Data);
        Assert.Equal([0x00, 0x01, 0xff, (byte)'b'], created.BinaryData!["blob"]);
    }

    [Fact]
    public async Task Create_secret_generic_keeps_its_data_and_type()
    {
        await api.KubectlOkAsync("create", "secret", "generic", "creds", "--from-literal=user=admin", "--from-literal=password=s3cr3t!");

        var created = await GetAsync<Secret>("/api/v1/namespaces/default/secrets/creds");
        Assert.Equal("Opaque", created.Type);
        Assert.Equal("admin"u8.ToArray(), created.Data!["user"]);
        Assert.Equal("s3cr3t!"u8.ToArray(), created.Data["password"]);
    }

    [Fact]
    public async Task Create_deployment_keeps_replicas_command_and_port_and_is_defaulted()
    {
        await api.KubectlOkAsync("create", "deployment", "web", "--image=eventorch/busybox:latest", "--replicas=2", "--port=8080",
            "--", "httpd", "-f", "-p", "8080");

        var created = await GetAsync<Deployment>("/apis/apps/v1/namespaces/default/deployments/web");
        Assert.Equal(2, created.Spec.Replicas);
        Assert.Equal("web", created.Spec.Selector!.MatchLabels!["app"]);
        var container = Assert.Single(created.Spec.Template!.Spec.Containers);
        Assert.Equal(("busybox", "eventorch/busybox:latest"), (container.Name, container.Image));
        Assert.Equal(["httpd", "-f", "-p", "8080"], container.Command);
        Assert.Equal((8080, "TCP"), (Assert.Single(container.Ports!).Number, container.Ports![0].Protocol));
        Assert.Equal(DeploymentStrategyTypes.RollingUpdate, created.Spec.Strategy!.Type);
        Assert.Equal(1, created.Metadata.Generation);
    }

    [Fact]
    public async Task Create_deployment_with_zero_replicas_keeps_zero()
    {
        await api.KubectlOkAsync("create", "deployment", "idle", "--image=eventorch/busybox:latest", "--replicas=0");

        var created = await GetAsync<Deployment>("/apis/apps/v1/namespaces/default/deployments/idle");
        Assert.Equal(0, created.Spec.Replicas);
    }

    [Fact]
    public async Task Autoscale_creates_an_autoscaler_of_the_deployment_that_get_hpa_lists()
    {
        await api.KubectlOkAsync("create", "deployment", "scaled", "--image=eventorch/busybox:latest", "--replicas=1");

        var output = await api.KubectlOkAsync("autoscale", "deploy/scaled", "--min=2", "--max=10", "--cpu-percent=50");
        var listed = await api.KubectlOkAsync("get", "hpa", "scaled");

        Assert.Contains("horizontalpodautoscaler.autoscaling/scaled autoscaled", output);
        Assert.Matches(@"scaled\s+Deployment/scaled\s+cpu: <unknown>/50%\s+2\s+10\s+", listed);
        var created = await GetAsync<HorizontalPodAutoscaler>("/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/scaled");
        Assert.Equal((2, 10, "Deployment", "scaled"), (created.Spec.MinReplicas, created.Spec.MaxReplicas, created.Spec.ScaleTargetRef.Kind, created.Spec.ScaleTargetRef.Name));
        var metric = Assert.Single(created.Spec.Metrics!);
        Assert.Equal(("cpu", MetricTargetTypes.Utilization, 50), (metric.Resource!.Name, metric.Resource.Target.Type, metric.Resource.Target.AverageUtilization));
    }

    [Fact]
    public async Task Create_service_clusterip_keeps_numbered_and_named_target_ports()
    {
        await api.KubectlOkAsync("create", "service", "clusterip", "web", "--tcp=80:8080", "--tcp=443:https");

        var created = await GetAsync<Service>("/api/v1/namespaces/default/services/web");
        Assert.Equal(ServiceTypes.ClusterIP, created.Spec.Type);
        Assert.Equal([("80-8080", 80, "8080"), ("443-https", 443, "https")],
            created.Spec.Ports!.Select(p => (p.Name!, p.Port, p.TargetPort.ToString()!)));
        Assert.Equal("web", created.Spec.Selector!["app"]);
        Assert.Equal("None", created.Spec.SessionAffinity); // defaulted, as for a JSON body
    }

    [Fact]
    public async Task Create_ingress_keeps_its_class_rule_and_backend()
    {
        await api.KubectlOkAsync("create", "ingress", "site", "--class=eventorch", "--rule=foo.example/bar=web:8080");

        var created = await GetAsync<Ingress>("/apis/networking.k8s.io/v1/namespaces/default/ingresses/site");
        var rule = Assert.Single(created.Spec.Rules!);
        var path = Assert.Single(rule.Http!.Paths);
        Assert.Equal(("foo.example", "/bar", "Exact"), (rule.Host, path.Path, path.PathType));
        Assert.Equal(("web", 8080), (path.Backend.Service!.Name, path.Backend.Service.Port.Number!.Value));
        Assert.Equal("eventorch", created.Spec.IngressClassName);
    }

    [Fact]
    public async Task An_invalid_generated_object_is_refused_with_the_status_kubectl_prints()
    {
        var (code, _, error) = await api.KubectlAsync("create", "service", "loadbalancer", "lb", "--tcp=80:8080");

        Assert.NotEqual(0, code);
        Assert.Contains("spec.type: Unsupported value: \"LoadBalancer\"", error);
    }

    [Fact]
    public async Task Server_side_dry_run_of_a_generator_stores_nothing()
    {
        var output = await api.KubectlOkAsync("create", "configmap", "dry", "--from-literal=a=b", "--dry-run=server", "-o", "jsonpath={.data.a}");

        Assert.Equal("b", output);
        var (code, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/dry");
        Assert.Equal(HttpStatusCode.NotFound, code);
    }
}
