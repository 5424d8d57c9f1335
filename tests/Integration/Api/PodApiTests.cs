using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

public sealed class PodApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private readonly HttpClient _client = api.Client;

    [Fact]
    public async Task Creating_a_pod_stores_it_with_server_fields_and_defaults()
    {
        var created = await _client.CreatePodAsync(ObjectClient.NewPod("web-1", new() { ["app"] = "web" }));

        Assert.True(Guid.TryParse(created.Metadata.Uid, out _));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.True(long.Parse(created.Metadata.ResourceVersion!) > 0);
        Assert.Equal("default", created.Metadata.Namespace);
        Assert.Equal("Always", created.Spec.RestartPolicy);
        Assert.Equal(PodPhases.Pending, created.Status?.Phase);

        var (code, fetched, _) = await _client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/web-1");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(created.Metadata.Uid, fetched!.Metadata.Uid);
        Assert.Equal(created.Metadata.ResourceVersion, fetched.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_pod_posted_as_yaml_is_created()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: from-yaml
              labels:
                tier: "backend"
            spec:
              containers:
              - name: main
                image: eventorch/busybox:latest
                ports:
                - containerPort: 8080
                  name: http
                resources:
                  requests: {cpu: 250m, memory: 64Mi}
            """;
        var (code, pod, _) = await _client.SendAsync<Pod>(HttpMethod.Post, ObjectClient.PodsPath(), yaml, "application/yaml");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("backend", pod!.Metadata.Labels!["tier"]);
        Assert.Equal(8080, pod.Spec.Containers[0].Ports![0].Number);
        Assert.Equal("TCP", pod.Spec.Containers[0].Ports![0].Protocol);
        Assert.Equal("250m", pod.Spec.Containers[0].Resources!.Requests!["cpu"]);
    }

    [Fact]
    public async Task Getting_a_missing_pod_is_a_not_found_status()
    {
        var (code, status, _) = await _client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/nope");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("Status", status!.Kind);
        Assert.Equal("NotFound", status.Reason);
        Assert.Equal("pods \"nope\" not found", status.Message);
        Assert.Equal(404, status.Code);
    }

    [Fact]
    public async Task Creating_a_pod_whose_name_is_taken_is_a_conflict_and_appends_nothing()
    {
        await _client.CreatePodAsync(ObjectClient.NewPod("taken"));
        var before = await api.EventCountAsync();

        var (code, status, _) = await _client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(), ObjectClient.NewPod("taken"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("AlreadyExists", status!.Reason);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_merge_patch_changes_labels_and_moves_the_resource_version()
    {
        var created = await _client.CreatePodAsync(ObjectClient.NewPod("patched", new() { ["app"] = "web", ["drop"] = "me" }));

        var patched = await _client.PatchPodAsync("patched", new { metadata = new { labels = new Dictionary<string, string?> { ["drop"] = null, ["env"] = "prod" } } });

        Assert.Equal(new Dictionary<string, string> { ["app"] = "web", ["env"] = "prod" }, patched.Metadata.Labels);
        Assert.True(long.Parse(patched.Metadata.ResourceVersion!) > long.Parse(created.Metadata.ResourceVersion!));
        Assert.Equal(created.Metadata.Uid, patched.Metadata.Uid);
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_appends_no_event()
    {
        var created = await _client.CreatePodAsync(ObjectClient.NewPod("unchanged", new() { ["app"] = "web" }));
        var before = await api.EventCountAsync();

        var patched = await _client.PatchPodAsync("unchanged", new { metadata = new { labels = new { app = "web" } } });

        Assert.Equal(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_put_replaces_labels_and_the_image_and_keeps_the_status()
    {
        var created = await _client.CreatePodAsync(ObjectClient.NewPod("replaced", new() { ["app"] = "web" }));
        var replacement = created with
        {
            Metadata = created.Metadata with { Labels = new() { ["app"] = "api" } },
            Spec = created.Spec with { Containers = [created.Spec.Containers[0] with { Image = "eventorch/busybox:v2" }] },
            Status = new PodStatus { Phase = PodPhases.Running },
        };

        var (code, updated, _) = await _client.SendAsync<Pod>(HttpMethod.Put, $"{ObjectClient.PodsPath()}/replaced", replacement);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("api", updated!.Metadata.Labels!["app"]);
        Assert.Equal("eventorch/busybox:v2", updated.Spec.Containers[0].Image);
        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal(PodPhases.Pending, updated.Status!.Phase);
    }

    [Fact]
    public async Task Changing_an_immutable_pod_field_is_invalid()
    {
        var created = await _client.CreatePodAsync(ObjectClient.NewPod("immutable"));
        var replacement = created with { Spec = created.Spec with { RestartPolicy = "Never" } };

        var (code, status, _) = await _client.SendAsync<Status>(HttpMethod.Put, $"{ObjectClient.PodsPath()}/immutable", replacement);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Invalid", status!.Reason);
        Assert.Contains(status.Details!.Causes!, c => c.Field == "spec");
    }

    [Fact]
    public async Task The_status_subresource_replaces_only_the_status()
    {
        var created = await _client.CreatePodAsync(ObjectClient.NewPod("with-status", new() { ["app"] = "web" }));
        var update = created with
        {
            Metadata = created.Metadata with { Labels = new() { ["ignored"] = "yes" } },
            Status = new PodStatus { Phase = PodPhases.Running, PodIP = "127.0.0.1" },
        };

        var (code, updated, _) = await _client.SendAsync<Pod>(HttpMethod.Put, $"{ObjectClient.PodsPath()}/with-status/status", update);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(PodPhases.Running, updated!.Status!.Phase);
        Assert.Equal("web", updated.Metadata.Labels!["app"]);
        Assert.False(updated.Metadata.Labels.ContainsKey("ignored"));
    }

    [Fact]
    public async Task Deleting_a_pod_frees_its_name_for_a_pod_with_a_new_uid()
    {
        var first = await _client.CreatePodAsync(ObjectClient.NewPod("reborn"));

        var (code, deleted, _) = await _client.SendAsync<Pod>(HttpMethod.Delete, $"{ObjectClient.PodsPath()}/reborn");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(first.Metadata.Uid, deleted!.Metadata.Uid);
        var (afterDelete, _, _) = await _client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/reborn");
        Assert.Equal(HttpStatusCode.NotFound, afterDelete);

        var second = await _client.CreatePodAsync(ObjectClient.NewPod("reborn"));
        Assert.NotEqual(first.Metadata.Uid, second.Metadata.Uid);
    }

    [Fact]
    public async Task Deleting_with_a_stale_resource_version_precondition_is_a_conflict()
    {
        var created = await _client.CreatePodAsync(ObjectClient.NewPod("guarded"));
        await _client.PatchPodAsync("guarded", new { metadata = new { labels = new { moved = "on" } } });

        var (code, status, _) = await _client.SendAsync<Status>(HttpMethod.Delete, $"{ObjectClient.PodsPath()}/guarded",
            new { preconditions = new { resourceVersion = created.Metadata.ResourceVersion } });

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Contains("Precondition failed", status!.Message);
    }

    [Fact]
    public async Task Generate_name_gets_a_random_suffix()
    {
        var pod = ObjectClient.NewPod("") with { Metadata = new ObjectMeta { GenerateName = "worker-" } };

        var created = await _client.CreatePodAsync(pod);

        Assert.Matches("^worker-[a-z0-9]{5}$", created.Metadata.Name);
    }

    [Fact]
    public async Task An_unknown_field_is_a_warning_by_default_and_an_error_when_strict()
    {
        const string body = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"%NAME%"},"spec":{"containers":[{"name":"c","image":"i"}],"bogus":1}}""";

        var (warnCode, _, warnResponse) = await _client.SendAsync<Pod>(HttpMethod.Post, ObjectClient.PodsPath(), body.Replace("%NAME%", "lenient"));
        Assert.Equal(HttpStatusCode.Created, warnCode);
        Assert.Contains(warnResponse.Headers.GetValues("Warning"), w => w.Contains("unknown field \\\"spec.bogus\\\""));

        var (strictCode, status, _) = await _client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath() + "?fieldValidation=Strict",
            body.Replace("%NAME%", "strict"));
        Assert.Equal(HttpStatusCode.BadRequest, strictCode);
        Assert.Contains("unknown field \"spec.bogus\"", status!.Message);
    }
}
