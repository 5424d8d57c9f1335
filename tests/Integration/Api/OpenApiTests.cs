using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

public sealed class OpenApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private async Task<(HttpResponseMessage Response, JsonNode? Body)> GetAsync(string path, string? accept = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await api.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private async Task<JsonNode> V3Async(string groupVersionPath)
    {
        var (_, index) = await GetAsync("/openapi/v3");
        var url = index!["paths"]![groupVersionPath]!["serverRelativeURL"]!.GetValue<string>();
        var (response, document) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return document!;
    }

    // As kubectl's QueryParamVerifierV3 looks: the PATCH operation whose x-kubernetes-group-version-kind is the kind.
    private static IEnumerable<JsonNode> PatchOperations(JsonNode document, string group, string version, string kind) =>
        document["paths"]!.AsObject().Select(p => p.Value!["patch"]).OfType<JsonNode>().Where(op =>
            op["x-kubernetes-group-version-kind"] is { } gvk && gvk["group"]!.GetValue<string>() == group
            && gvk["version"]!.GetValue<string>() == version && gvk["kind"]!.GetValue<string>() == kind);

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "$ref" ? [p.Value!.GetValue<string>()] : References(p.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };

    [Fact]
    public async Task The_v3_index_points_at_each_group_version_by_a_hashed_url_that_never_changes()
    {
        var (_, index) = await GetAsync("/openapi/v3");

        var paths = index!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("api/v1", paths);
        Assert.Contains("apis/apps/v1", paths);
        Assert.Contains("apis/networking.k8s.io/v1", paths);
        Assert.Contains("apis/coordination.k8s.io/v1", paths);
        var url = index["paths"]!["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();
        Assert.Matches(@"^/openapi/v3/apis/apps/v1\?hash=[0-9A-F]{128}$", url);
        var (current, _) = await GetAsync(url);
        Assert.Contains("immutable", current.Headers.CacheControl!.ToString());
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.BaseAddress };
        noRedirects.DefaultRequestHeaders.Authorization = api.Client.DefaultRequestHeaders.Authorization;
        var stale = await noRedirects.GetAsync("/openapi/v3/apis/apps/v1?hash=0123");
        Assert.Equal(HttpStatusCode.MovedPermanently, stale.StatusCode);
        Assert.Equal(url, stale.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("api/v1", "", "Pod")]
    [InlineData("api/v1", "", "Namespace")]
    [InlineData("api/v1", "", "Node")]
    [InlineData("api/v1", "", "Service")]
    [InlineData("api/v1", "", "ReplicationController")]
    [InlineData("apis/apps/v1", "apps", "Deployment")]
    [InlineData("apis/apps/v1", "apps", "ReplicaSet")]
    [InlineData("apis/networking.k8s.io/v1", "networking.k8s.io", "Ingress")]
    [InlineData("apis/coordination.k8s.io/v1", "coordination.k8s.io", "Lease")]
    public async Task Every_patch_operation_of_a_kind_offers_field_validation_so_kubectl_leaves_validation_to_the_server(
        string path, string group, string kind)
    {
        var document = await V3Async(path);

        var patches = PatchOperations(document, group, "v1", kind).ToList();

        Assert.NotEmpty(patches);
        Assert.All(patches, op => Assert.Contains(op["parameters"]!.AsArray(),
            p => p!["name"]!.GetValue<string>() == "fieldValidation" && p["in"]!.GetValue<string>() == "query"));
        Assert.All(patches, op => Assert.Equal("patch", op["x-kubernetes-action"]!.GetValue<string>()));
        Assert.All(patches, op => Assert.NotNull(op["requestBody"]!["content"]!["application/merge-patch+json"]));
    }

    [Fact]
    public async Task Operations_carry_ids_actions_and_only_the_parameters_their_routes_honour()
    {
        var document = await V3Async("api/v1");
        var paths = document["paths"]!;

        var list = paths["/api/v1/namespaces/{namespace}/pods"]!["get"]!;
        var all = paths["/api/v1/pods"]!["get"]!;
        var create = paths["/api/v1/namespaces/{namespace}/pods"]!["post"]!;
        var delete = paths["/api/v1/namespaces/{namespace}/pods/{name}"]!["delete"]!;
        var log = paths["/api/v1/namespaces/{namespace}/pods/{name}/log"]!["get"]!;
        var binding = paths["/api/v1/namespaces/{namespace}/pods/{name}/binding"]!["post"]!;

        Assert.Equal(("listCoreV1NamespacedPod", "list"), (list["operationId"]!.GetValue<string>(), list["x-kubernetes-action"]!.GetValue<string>()));
        Assert.Equal("listCoreV1PodForAllNamespaces", all["operationId"]!.GetValue<string>());
        Assert.Equal(["labelSelector", "fieldSelector", "limit", "continue", "asOf", "watch", "resourceVersion", "timeoutSeconds", "allowWatchBookmarks"], list["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(["asOf"], paths["/api/v1/namespaces/{namespace}/pods/{name}"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal("post", create["x-kubernetes-action"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Pod",
            create["requestBody"]!["content"]!["application/yaml"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["gracePeriodSeconds", "propagationPolicy", "orphanDependents", "dryRun"], delete["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal("string", log["responses"]!["200"]!["content"]!["text/plain"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Equal("Binding", binding["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.Contains("Status", binding["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["name", "namespace"], paths["/api/v1/namespaces/{namespace}/pods/{name}"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_Events_list_offers_only_selectors_and_pages_as_Events_cannot_be_watched()
    {
        var core = (await V3Async("api/v1"))["paths"]!;
        var group = (await V3Async("apis/events.k8s.io/v1"))["paths"]!;

        var lists = new[]
        {
            core["/api/v1/namespaces/{namespace}/events"]!["get"]!, core["/api/v1/events"]!["get"]!,
            group["/apis/events.k8s.io/v1/namespaces/{namespace}/events"]!["get"]!,
        };

        Assert.All(lists, list => Assert.Equal(["labelSelector", "fieldSelector", "limit", "continue"],
            list["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Scale_paths_are_in_their_workload_group_and_name_the_autoscaling_scale_kind()
    {
        var document = await V3Async("apis/apps/v1");

        var patch = Assert.Single(PatchOperations(document, "autoscaling", "v1", "Scale"),
            op => op["operationId"]!.GetValue<string>() == "patchAppsV1NamespacedDeploymentScale");
        var scale = document["components"]!["schemas"]!["io.k8s.api.autoscaling.v1.Scale"]!;

        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation");
        Assert.Equal("Scale", scale["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kind_schemas_are_made_from_the_model_with_their_kinds_descriptions_and_patch_keys()
    {
        var document = await V3Async("api/v1");
        var schemas = document["components"]!["schemas"]!;

        var pod = schemas["io.k8s.api.core.v1.Pod"]!;
        var podList = schemas["io.k8s.api.core.v1.PodList"]!;
        var spec = schemas["io.k8s.api.core.v1.PodSpec"]!;
        var port = schemas["io.k8s.api.core.v1.ContainerPort"]!;
        var service = schemas["io.k8s.api.core.v1.Service"]!;

        Assert.Equal("""[{"group":"","kind":"Pod","version":"v1"}]""", pod["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("PodList", podList["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", pod["properties"]!["metadata"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("What the object should be: its desired state.", pod["properties"]!["spec"]!["description"]!.GetValue<string>());
        var containers = spec["properties"]!["containers"]!;
        Assert.Equal("array", containers["type"]!.GetValue<string>());
        Assert.Equal(("name", "merge"), (containers["x-kubernetes-patch-merge-key"]!.GetValue<string>(), containers["x-kubernetes-patch-strategy"]!.GetValue<string>()));
        Assert.NotNull(port["properties"]!["containerPort"]);
        Assert.Equal("int32", port["properties"]!["containerPort"]!["format"]!.GetValue<string>());
        Assert.Contains("stable name", service["description"]!.GetValue<string>());
        Assert.Equal("int-or-string", schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["format"]!.GetValue<string>());
        Assert.Equal("date-time", schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["properties"]!["creationTimestamp"]!["format"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("api/v1")]
    [InlineData("apis/apps/v1")]
    [InlineData("apis/networking.k8s.io/v1")]
    [InlineData("apis/coordination.k8s.io/v1")]
    public async Task Every_reference_in_a_group_version_document_resolves_within_it(string path)
    {
        var document = await V3Async(path);
        var schemas = document["components"]!["schemas"]!.AsObject();

        var references = References(document).Distinct().ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(schemas.ContainsKey(r["#/components/schemas/".Length..]), $"{r} is not in {path}"));
    }

    [Fact]
    public async Task The_v2_document_is_served_as_json_and_a_protobuf_only_caller_is_told_not_acceptable()
    {
        var (response, document) = await GetAsync("/openapi/v2");
        var (protobuf, status) = await GetAsync("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2.0", document!["swagger"]!.GetValue<string>());
        var definitions = document["definitions"]!.AsObject();
        Assert.All(References(document).Distinct(), r => Assert.True(definitions.ContainsKey(r["#/definitions/".Length..]), r));
        var patch = document["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation");
        Assert.Equal(HttpStatusCode.NotAcceptable, protobuf.StatusCode);
        Assert.Equal("NotAcceptable", status!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_group_version_has_no_document_and_openapi_needs_a_token()
    {
        var (missing, status) = await GetAsync("/openapi/v3/apis/batch/v1");
        using var anonymous = api.CreateClient(null);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Status", status!["kind"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/openapi/v3")).StatusCode);
    }
}
