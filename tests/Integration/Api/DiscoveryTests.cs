using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EventOrch.Api.Discovery;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventOrch.Tests.Integration.Api;

public sealed class DiscoveryTests(ApiServer api) : IClassFixture<ApiServer>
{
    private const string AggregatedAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    private async Task<(HttpResponseMessage Response, JsonNode Body)> GetAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await api.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    private static JsonNode Resource(JsonNode list, string name) =>
        list["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == name)!;

    private static List<string> Strings(JsonNode? array) => array?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? [];

    [Fact]
    public async Task The_core_group_lists_version_v1()
    {
        var (response, body) = await GetAsync("/api", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("APIVersions", body["kind"]!.GetValue<string>());
        Assert.Equal(["v1"], Strings(body["versions"]));
        Assert.NotEmpty(body["serverAddressByClientCIDRs"]!.AsArray());
    }

    [Fact]
    public async Task The_named_groups_are_the_ones_with_resources_and_autoscaling_prefers_v2()
    {
        var (_, body) = await GetAsync("/apis", "application/json");

        var groups = body["groups"]!.AsArray().ToDictionary(g => g!["name"]!.GetValue<string>(), g => g!["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        Assert.Equal("APIGroupList", body["kind"]!.GetValue<string>());
        Assert.Equal("apps/v1", groups["apps"]);
        Assert.Equal("networking.k8s.io/v1", groups["networking.k8s.io"]);
        Assert.Equal("coordination.k8s.io/v1", groups["coordination.k8s.io"]);
        // HorizontalPodAutoscalers are served at v2 (stored) and v1 (a view); Scale, autoscaling/v1 too, adds no version.
        Assert.Equal("autoscaling/v2", groups["autoscaling"]);
    }

    [Fact]
    public async Task Core_resources_carry_names_scope_verbs_short_names_and_categories()
    {
        var (_, body) = await GetAsync("/api/v1");

        var pods = Resource(body, "pods");
        Assert.Equal(("pod", true, "Pod"), (pods["singularName"]!.GetValue<string>(), pods["namespaced"]!.GetValue<bool>(), pods["kind"]!.GetValue<string>()));
        Assert.Equal(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], Strings(pods["verbs"]));
        Assert.Equal(["po"], Strings(pods["shortNames"]));
        Assert.Equal(["all"], Strings(pods["categories"]));
        Assert.False(Resource(body, "namespaces")["namespaced"]!.GetValue<bool>());
        Assert.Equal(["ns"], Strings(Resource(body, "namespaces")["shortNames"]));
        Assert.Null(Resource(body, "endpoints")["categories"]);
        Assert.Equal(["all"], Strings(Resource(body, "services")["categories"]));
    }

    [Fact]
    public async Task Subresources_are_listed_as_their_own_entries_with_their_kinds()
    {
        var (_, core) = await GetAsync("/api/v1");
        var (_, apps) = await GetAsync("/apis/apps/v1");

        Assert.Equal(["get", "patch", "update"], Strings(Resource(core, "pods/status")["verbs"]));
        Assert.Equal("Pod", Resource(core, "pods/status")["kind"]!.GetValue<string>());
        Assert.Equal("Binding", Resource(core, "pods/binding")["kind"]!.GetValue<string>());
        Assert.Equal(["create"], Strings(Resource(core, "pods/binding")["verbs"]));
        Assert.Equal(["get"], Strings(Resource(core, "pods/log")["verbs"]));
        var scale = Resource(apps, "deployments/scale");
        Assert.Equal(("autoscaling", "v1", "Scale"), (scale["group"]!.GetValue<string>(), scale["version"]!.GetValue<string>(), scale["kind"]!.GetValue<string>()));
        Assert.NotNull(Resource(apps, "replicasets/scale"));
        Assert.Equal("Scale", Resource(core, "replicationcontrollers/scale")["kind"]!.GetValue<string>());
        Assert.Equal(["deploy"], Strings(Resource(apps, "deployments")["shortNames"]));
    }

    [Fact]
    public async Task Only_kinds_with_a_status_have_the_status_subresource()
    {
        var (_, core) = await GetAsync("/api/v1");
        var (missing, status) = await GetAsync("/api/v1/namespaces/default/configmaps/settings/status");

        var names = core["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("pods/status", names);
        Assert.Contains("services/status", names);
        Assert.Contains("namespaces/status", names);
        Assert.DoesNotContain("configmaps/status", names);
        Assert.DoesNotContain("secrets/status", names);
        Assert.DoesNotContain("endpoints/status", names);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(("Status", "NotFound"), (status["kind"]!.GetValue<string>(), status["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Leases_list_the_verbs_their_routes_serve()
    {
        var (_, body) = await GetAsync("/apis/coordination.k8s.io/v1");

        Assert.Equal(["create", "delete", "get", "list", "patch", "update"], Strings(Resource(body, "leases")["verbs"]));
    }

    [Fact]
    public async Task Aggregated_discovery_answers_in_its_own_media_type_with_subresources_nested()
    {
        var (response, body) = await GetAsync("/api", AggregatedAccept);
        var (_, named) = await GetAsync("/apis", AggregatedAccept);

        var contentType = response.Content.Headers.ContentType!;
        Assert.Equal("application/json", contentType.MediaType);
        Assert.Contains(contentType.Parameters, p => p.Name == "g" && p.Value == "apidiscovery.k8s.io");
        Assert.Contains(contentType.Parameters, p => p.Name == "as" && p.Value == "APIGroupDiscoveryList");
        Assert.Equal("apidiscovery.k8s.io/v2", body["apiVersion"]!.GetValue<string>());
        var core = Assert.Single(body["items"]!.AsArray())!;
        Assert.Equal("", core["metadata"]!["name"]!.GetValue<string>());
        var v1 = core["versions"]![0]!;
        Assert.Equal(("v1", "Current"), (v1["version"]!.GetValue<string>(), v1["freshness"]!.GetValue<string>()));
        var pods = v1["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "pods")!;
        Assert.Equal(("Namespaced", "pod", "Pod"), (pods["scope"]!.GetValue<string>(), pods["singularResource"]!.GetValue<string>(), pods["responseKind"]!["kind"]!.GetValue<string>()));
        Assert.Equal(["binding", "eviction", "history", "log", "status", "why"], pods["subresources"]!.AsArray().Select(s => s!["subresource"]!.GetValue<string>()));
        Assert.Contains(named["items"]!.AsArray(), g => g!["metadata"]!["name"]!.GetValue<string>() == "apps");
    }

    [Fact]
    public async Task An_unknown_group_version_is_a_not_found_status()
    {
        var (response, body) = await GetAsync("/apis/batch/v1");
        var (group, _) = await GetAsync("/apis/batch");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(("Status", "NotFound"), (body["kind"]!.GetValue<string>(), body["reason"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, group.StatusCode);
    }

    [Fact]
    public async Task Discovery_needs_a_token_and_a_caller_holding_the_current_document_gets_not_modified()
    {
        using var anonymous = api.CreateClient(null);
        var (first, _) = await GetAsync("/apis/apps/v1");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/apis/apps/v1");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await api.Client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task A_resource_registered_by_its_route_mapping_appears_in_discovery_without_a_list_to_update()
    {
        var widgets = new ResourceKind("example.eventorch.io", "v1", "Widget", "widgets", Namespaced: true, ["wd"]);
        api.Services.GetRequiredService<ApiResourceRegistry>().Resource<Pod>(widgets, Verbs.Get, Verbs.List);

        var (_, groups) = await GetAsync("/apis", "application/json");
        var (_, resources) = await GetAsync("/apis/example.eventorch.io/v1");

        Assert.Contains(groups["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "example.eventorch.io");
        Assert.Equal(["wd"], Strings(Resource(resources, "widgets")["shortNames"]));
    }
}
