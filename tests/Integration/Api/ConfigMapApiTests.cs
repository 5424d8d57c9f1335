using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>ConfigMaps at v1: data and binaryData, updates as events, immutability, validation, and their going with their
/// namespace.</summary>
public sealed class ConfigMapApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private static string ConfigMaps(string ns) => $"/api/v1/namespaces/{ns}/configmaps";

    private async Task<string> NamespaceAsync()
    {
        var ns = $"cm-{Guid.NewGuid():N}"[..12];
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        return ns;
    }

    private static ConfigMap Map(string name, Dictionary<string, string>? data = null) =>
        new() { Metadata = new ObjectMeta { Name = name }, Data = data ?? new() { ["mode"] = "fast" } };

    [Fact]
    public async Task A_config_map_is_created_read_and_listed_with_its_binary_data_base64_encoded()
    {
        var ns = await NamespaceAsync();
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "settings" },
            ["data"] = new JsonObject { ["app.properties"] = "a=1\nb=2\n" },
            ["binaryData"] = new JsonObject { ["logo.bin"] = "AAEC/w==" },
        };
        var (code, created, response) = await api.Client.SendAsync<ConfigMap>(HttpMethod.Post, ConfigMaps(ns), body.ToJsonString());
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal([0, 1, 2, 255], created!.BinaryData!["logo.bin"]);

        var (_, raw, _) = await api.Client.SendAsync<JsonObject>(HttpMethod.Get, $"{ConfigMaps(ns)}/settings");
        Assert.Equal("a=1\nb=2\n", raw!["data"]!["app.properties"]!.GetValue<string>());
        Assert.Equal("AAEC/w==", raw["binaryData"]!["logo.bin"]!.GetValue<string>());
        var (_, list, _) = await api.Client.SendAsync<ObjectList<ConfigMap>>(HttpMethod.Get, "/api/v1/configmaps");
        Assert.Contains(list!.Items, c => c.Metadata.Namespace == ns && c.Metadata.Name == "settings");
        Assert.Equal("ConfigMapList", list.Kind);
    }

    [Fact]
    public async Task Changing_the_data_appends_one_data_event_and_moves_the_resource_version()
    {
        var ns = await NamespaceAsync();
        var (_, created, _) = await api.Client.SendAsync<ConfigMap>(HttpMethod.Post, ConfigMaps(ns), Map("settings"));
        var before = await api.EventCountAsync<ConfigMapDataChanged>();

        var (code, patched, _) = await api.Client.SendAsync<ConfigMap>(HttpMethod.Patch, $"{ConfigMaps(ns)}/settings",
            new { data = new { mode = "safe", extra = "1" } }, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(new Dictionary<string, string> { ["mode"] = "safe", ["extra"] = "1" }, patched!.Data);
        Assert.NotEqual(created!.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
        Assert.Equal(before + 1, await api.EventCountAsync<ConfigMapDataChanged>());
    }

    [Fact]
    public async Task An_immutable_config_map_refuses_data_changes_and_going_back_to_mutable_but_takes_new_labels()
    {
        var ns = await NamespaceAsync();
        await api.Client.SendAsync<ConfigMap>(HttpMethod.Post, ConfigMaps(ns), Map("frozen") with { Immutable = true });
        var events = await api.EventCountAsync();

        var (dataCode, dataStatus, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{ConfigMaps(ns)}/frozen",
            new { data = new { mode = "slow" } }, "application/merge-patch+json");
        var (backCode, backStatus, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{ConfigMaps(ns)}/frozen",
            new { immutable = false }, "application/merge-patch+json");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "data"), (dataCode, Assert.Single(dataStatus!.Details!.Causes!).Field));
        Assert.Equal("ConfigMap \"frozen\" is invalid: data: Forbidden: field is immutable when `immutable` is set", dataStatus.Message);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "immutable"), (backCode, Assert.Single(backStatus!.Details!.Causes!).Field));
        Assert.Equal(events, await api.EventCountAsync());

        var (labelCode, labelled, _) = await api.Client.SendAsync<ConfigMap>(HttpMethod.Patch, $"{ConfigMaps(ns)}/frozen",
            new { metadata = new { labels = new { tier = "gold" } } }, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, labelCode);
        Assert.Equal("gold", labelled!.Metadata.Labels!["tier"]);
    }

    [Theory]
    [InlineData("a/b", "data[a/b]")]
    [InlineData("..", "data[..]")]
    public async Task A_bad_key_is_a_422_naming_the_key_and_stores_nothing(string key, string field)
    {
        var ns = await NamespaceAsync();
        var events = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ConfigMaps(ns), Map("bad", new() { [key] = "v" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal(field, status!.Details!.Causes![0].Field);
        Assert.Equal(events, await api.EventCountAsync());
    }

    [Fact]
    public async Task Binary_data_that_is_not_base64_is_a_bad_request()
    {
        var ns = await NamespaceAsync();
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"binaryData":{"k":"not base64!"}}""";

        var (code, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ConfigMaps(ns), body);

        Assert.Equal(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task A_namespace_that_goes_takes_its_config_maps_and_secrets_with_it()
    {
        var ns = await NamespaceAsync();
        await api.Client.SendAsync<ConfigMap>(HttpMethod.Post, ConfigMaps(ns), Map("settings"));
        var (secretCode, _, _) = await api.Client.SendAsync<Secret>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets",
            new Secret { Metadata = new ObjectMeta { Name = "creds" }, StringData = new() { ["password"] = "p" } });
        Assert.Equal(HttpStatusCode.Created, secretCode);

        var deleted = await api.Client.DeleteAsync($"/api/v1/namespaces/{ns}");
        Assert.True(deleted.IsSuccessStatusCode);
        // What the namespace controller does once it has emptied the namespace (here, with nothing running, at once).
        var (finalized, _, _) = await api.Client.SendAsync<Namespace>(HttpMethod.Put, $"/api/v1/namespaces/{ns}/finalize",
            new Namespace { Metadata = new ObjectMeta { Name = ns }, Spec = new NamespaceSpec { Finalizers = [] } });
        Assert.Equal(HttpStatusCode.OK, finalized);

        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync<Status>(HttpMethod.Get, $"{ConfigMaps(ns)}/settings")).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync<Status>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/secrets/creds")).Code);
    }
}
