using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>PATCH with each of Kubernetes' three patch types, on objects and on their status and scale subresources,
/// and every way a patch can be refused: a Status naming why, and nothing appended.</summary>
public sealed class PatchTests(ApiServer api) : IClassFixture<ApiServer>
{
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";
    private const string JsonPatch = "application/json-patch+json";
    private const string MergePatch = "application/merge-patch+json";
    private const string StrategicMergePatch = "application/strategic-merge-patch+json";

    private static Deployment NewDeployment(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = new() { ["app"] = name, ["app.kubernetes.io/name"] = name } },
        Spec = new DeploymentSpec
        {
            Replicas = 2,
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                Spec = new PodSpec
                {
                    Containers =
                    [
                        new Container
                        {
                            Name = "web", Image = "eventorch/busybox:1",
                            Env = [new EnvVar { Name = "MODE", Value = "prod" }],
                            Ports = [new ContainerPort { Number = 8080, Name = "http" }, new ContainerPort { Number = 9090, Name = "metrics" }],
                        },
                        new Container { Name = "log", Image = "eventorch/busybox:1" },
                    ],
                },
            },
        },
    };

    private async Task<Deployment> CreateAsync(string name)
    {
        var (code, created, response) = await api.Client.SendAsync<Deployment>(HttpMethod.Post, Deployments, NewDeployment(name));
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return created!;
    }

    private async Task<T> PatchOkAsync<T>(string path, string patch, string contentType)
    {
        var (code, patched, response) = await api.Client.SendAsync<T>(HttpMethod.Patch, path, patch, contentType);
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return patched!;
    }

    [Fact]
    public async Task A_strategic_merge_patch_merges_containers_env_and_ports_by_their_keys()
    {
        await CreateAsync("smp");

        var patched = await PatchOkAsync<Deployment>($"{Deployments}/smp", """
            {"spec":{"template":{"spec":{"containers":[{"name":"web","image":"eventorch/busybox:2",
              "env":[{"name":"LOG_LEVEL","value":"debug"}],"ports":[{"containerPort":9090,"$patch":"delete"}]}]}}}}
            """, StrategicMergePatch);

        var containers = patched.Spec.Template!.Spec.Containers;
        Assert.Equal(["web", "log"], containers.Select(c => c.Name));
        Assert.Equal("eventorch/busybox:2", containers[0].Image);
        Assert.Equal(["LOG_LEVEL", "MODE"], containers[0].Env!.Select(e => e.Name));
        Assert.Equal(8080, Assert.Single(containers[0].Ports!).Number);
        Assert.Equal("eventorch/busybox:1", containers[1].Image);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task A_json_patch_applies_its_operations_in_order_with_escaped_pointers()
    {
        await CreateAsync("jsonpatch");

        var patched = await PatchOkAsync<Deployment>($"{Deployments}/jsonpatch", """
            [{"op":"test","path":"/spec/replicas","value":2},
             {"op":"replace","path":"/spec/replicas","value":5},
             {"op":"replace","path":"/metadata/labels/app.kubernetes.io~1name","value":"renamed"},
             {"op":"add","path":"/spec/template/spec/containers/1/env","value":[{"name":"A","value":"1"}]},
             {"op":"remove","path":"/spec/template/spec/containers/0/ports/1"}]
            """, JsonPatch);

        Assert.Equal(5, patched.Spec.Replicas);
        Assert.Equal("renamed", patched.Metadata.Labels!["app.kubernetes.io/name"]);
        Assert.Equal("A", Assert.Single(patched.Spec.Template!.Spec.Containers[1].Env!).Name);
        Assert.Equal(8080, Assert.Single(patched.Spec.Template.Spec.Containers[0].Ports!).Number);
    }

    [Fact]
    public async Task A_failed_json_patch_test_is_unprocessable_says_why_and_changes_nothing()
    {
        await CreateAsync("failedtest");
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Deployments}/failedtest",
            """[{"op":"replace","path":"/spec/replicas","value":9},{"op":"test","path":"/spec/replicas","value":3}]""", JsonPatch);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal(StatusReasons.Invalid, status!.Reason);
        Assert.Equal("patch", Assert.Single(status.Details!.Causes!).Field);
        Assert.Contains("json patch operation 1 (test /spec/replicas) failed: the value at \"/spec/replicas\" is 9, not 3", status.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Theory]
    [InlineData("missing-path", """[{"op":"remove","path":"/spec/paused"}]""", 422, "the path \"/spec/paused\" does not exist")]
    [InlineData("bad-index", """[{"op":"add","path":"/spec/template/spec/containers/7","value":{}}]""", 422, "\"7\" is not an index of the 2 elements")]
    [InlineData("not-a-list", """{"op":"add"}""", 400, "must be an array of operations")]
    [InlineData("not-json", """[{"op":"add","path":"/x",""", 400, "invalid JSON patch")]
    public async Task A_json_patch_that_does_not_fit_is_refused_and_changes_nothing(string name, string patch, int expected, string message)
    {
        await CreateAsync(name);
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Deployments}/{name}", patch, JsonPatch);

        Assert.Equal((HttpStatusCode)expected, code);
        Assert.Contains(message, status!.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Theory]
    [InlineData(JsonPatch, "invalid JSON patch: ")]
    [InlineData(MergePatch, "invalid merge patch: ")]
    [InlineData(StrategicMergePatch, "invalid strategic merge patch: ")]
    public async Task A_patch_that_is_not_json_is_a_bad_request_naming_its_patch_type(string contentType, string message)
    {
        var name = $"garbled-{contentType.Split('/')[1].Split('+')[0]}";
        await CreateAsync(name);
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Deployments}/{name}", """{"spec":""", contentType);

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.StartsWith(message, status!.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_strategic_merge_patch_element_without_its_merge_key_is_a_bad_request_naming_the_field()
    {
        await CreateAsync("nokey");
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Deployments}/nokey",
            """{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}""", StrategicMergePatch);

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("spec.template.spec.containers[0]", Assert.Single(status!.Details!.Causes!).Field);
        Assert.Contains("does not contain declared merge key: name", status.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Theory]
    [InlineData(MergePatch, """{"spec":{"bogus":1}}""")]
    [InlineData(StrategicMergePatch, """{"spec":{"bogus":1}}""")]
    [InlineData(JsonPatch, """[{"op":"add","path":"/spec/bogus","value":1}]""")]
    public async Task Strict_field_validation_refuses_an_unknown_field_by_name_for_every_patch_type(string contentType, string patch)
    {
        var name = $"strict-{contentType.Split('/')[1].Split('+')[0]}";
        await CreateAsync(name);
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Deployments}/{name}?fieldValidation=Strict", patch, contentType);
        var (warnCode, _, warned) = await api.Client.SendAsync<Deployment>(HttpMethod.Patch, $"{Deployments}/{name}", patch, contentType);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("patch", Assert.Single(status!.Details!.Causes!).Field);
        Assert.Contains("strict decoding error: unknown field \"spec.bogus\"", status.Message);
        Assert.Equal(HttpStatusCode.OK, warnCode);
        Assert.Contains(warned.Headers.GetValues("Warning"), w => w.Contains("unknown field \\\"spec.bogus\\\""));
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Strict_field_validation_names_a_field_the_patch_gives_twice()
    {
        await CreateAsync("duplicate");

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Deployments}/duplicate?fieldValidation=Strict",
            """{"spec":{"replicas":3,"replicas":4}}""", StrategicMergePatch);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains("duplicate field \"spec.replicas\"", status!.Message);
    }

    [Theory]
    [InlineData(JsonPatch, """[{"op":"replace","path":"/metadata/resourceVersion","value":"1"},{"op":"replace","path":"/spec/replicas","value":7}]""")]
    [InlineData(StrategicMergePatch, """{"metadata":{"resourceVersion":"1"},"spec":{"replicas":7}}""")]
    [InlineData(MergePatch, """{"metadata":{"resourceVersion":"1"},"spec":{"replicas":7}}""")]
    public async Task A_patch_that_sets_a_stale_resource_version_is_a_conflict(string contentType, string patch)
    {
        var name = $"stale-{contentType.Split('/')[1].Split('+')[0]}";
        await CreateAsync(name);
        await PatchOkAsync<Deployment>($"{Deployments}/{name}", """{"spec":{"replicas":3}}""", MergePatch);

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Deployments}/{name}", patch, contentType);

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Contains("the object has been modified", status!.Message);
    }

    [Fact]
    public async Task A_patch_that_sets_the_current_resource_version_applies()
    {
        var created = await CreateAsync("current-rv");

        var patched = await PatchOkAsync<Deployment>($"{Deployments}/current-rv",
            $$"""[{"op":"test","path":"/metadata/resourceVersion","value":"{{created.Metadata.ResourceVersion}}"},{"op":"replace","path":"/spec/replicas","value":4}]""",
            JsonPatch);

        Assert.Equal(4, patched.Spec.Replicas);
    }

    [Fact]
    public async Task The_status_subresource_takes_a_strategic_merge_patch_merging_conditions_by_type()
    {
        var node = await api.Client.RegisterAsync(TestNodes.New("patched-status"));

        var patched = await PatchOkAsync<Node>("/api/v1/nodes/patched-status/status",
            """{"status":{"conditions":[{"type":"MemoryPressure","status":"False"}],"addresses":[{"type":"Hostname","address":"patched-status"}]}}""",
            StrategicMergePatch);

        Assert.Equal([NodeConditions.MemoryPressure, NodeConditions.Ready], patched.Status!.Conditions!.Select(c => c.Type));
        Assert.Equal(["Hostname", "InternalIP"], patched.Status.Addresses!.Select(a => a.Type));
        Assert.Null(patched.Spec.Unschedulable);
        Assert.NotEqual(node.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
    }

    [Theory]
    [InlineData(JsonPatch, """[{"op":"replace","path":"/spec/replicas","value":6}]""")]
    [InlineData(StrategicMergePatch, """{"spec":{"replicas":6}}""")]
    [InlineData(MergePatch, """{"spec":{"replicas":6}}""")]
    public async Task The_scale_subresource_takes_every_patch_type(string contentType, string patch)
    {
        var name = $"scale-{contentType.Split('/')[1].Split('+')[0]}";
        await CreateAsync(name);

        var scale = await PatchOkAsync<Scale>($"{Deployments}/{name}/scale", patch, contentType);
        var (_, stored, _) = await api.Client.SendAsync<Deployment>(HttpMethod.Get, $"{Deployments}/{name}");

        Assert.Equal(6, scale.Spec.Replicas);
        Assert.Equal(6, stored!.Spec.Replicas);
    }

    [Fact]
    public async Task An_unknown_field_in_a_replace_or_a_scale_write_comes_back_as_a_warning()
    {
        var created = await CreateAsync("warned");
        var replace = JsonSerializer.SerializeToNode(created, KubeJson.Options)!;
        replace["spec"]!["bogus"] = 1;

        var (replaceCode, _, replaced) = await api.Client.SendAsync<Deployment>(HttpMethod.Put, $"{Deployments}/warned", replace.ToJsonString());
        var (putCode, _, put) = await api.Client.SendAsync<Scale>(HttpMethod.Put, $"{Deployments}/warned/scale",
            """{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"warned"},"spec":{"replicas":3,"bogus":1}}""");
        var (patchCode, _, patched) = await api.Client.SendAsync<Scale>(HttpMethod.Patch, $"{Deployments}/warned/scale",
            """{"spec":{"replicas":4,"bogus":1}}""", MergePatch);

        foreach (var (code, response) in new[] { (replaceCode, replaced), (putCode, put), (patchCode, patched) })
        {
            Assert.Equal(HttpStatusCode.OK, code);
            Assert.Contains(response.Headers.GetValues("Warning"), w => w.Contains("unknown field \\\"spec.bogus\\\""));
        }
    }

    [Fact]
    public async Task A_pod_takes_a_strategic_merge_patch_of_one_containers_image()
    {
        var pod = ObjectClient.NewPod("smp-pod") with
        {
            Spec = new PodSpec
            {
                Containers = [new Container { Name = "a", Image = "eventorch/busybox:1" }, new Container { Name = "b", Image = "eventorch/busybox:1" }],
            },
        };
        await api.Client.CreatePodAsync(pod);

        var patched = await PatchOkAsync<Pod>($"{ObjectClient.PodsPath()}/smp-pod",
            """{"metadata":{"labels":{"patched":"yes"}},"spec":{"containers":[{"name":"b","image":"eventorch/busybox:2"}]}}""", StrategicMergePatch);

        Assert.Equal(["eventorch/busybox:1", "eventorch/busybox:2"], patched.Spec.Containers.Select(c => c.Image));
        Assert.Equal("yes", patched.Metadata.Labels!["patched"]);
    }

    [Fact]
    public async Task Server_side_apply_is_unsupported_media_and_points_to_client_side_apply()
    {
        await CreateAsync("ssa");

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Deployments}/ssa?fieldManager=kubectl&force=false",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ssa}\n", "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Equal(StatusReasons.UnsupportedMediaType, status!.Reason);
        Assert.Contains("server-side apply (application/apply-patch+yaml) is not supported", status.Message);
        Assert.Contains("kubectl apply without --server-side", status.Message);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/yaml")]
    [InlineData("text/plain")]
    public async Task Any_other_content_type_is_unsupported_media_naming_the_patch_types(string contentType)
    {
        await CreateAsync($"media-{contentType.Split('/')[1]}");

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Deployments}/media-{contentType.Split('/')[1]}",
            """{"spec":{"replicas":1}}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Contains("accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json", status!.Message);
    }

    [Fact]
    public async Task A_patch_of_an_object_that_does_not_exist_is_not_found()
    {
        var (code, status, _) = await api.Client.SendAsync<JsonObject>(HttpMethod.Patch, $"{Deployments}/missing",
            """{"spec":{"replicas":1}}""", StrategicMergePatch);

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("deployments \"missing\" not found", status!["message"]!.GetValue<string>());
    }
}
