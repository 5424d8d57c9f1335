using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.Tests.Support;
using Npgsql;

namespace EventOrch.Tests.Integration.Api;

/// <summary>Secrets at v1: stringData, types, immutability, and data that is sealed in the event store, its projections
/// and on the bus, opened only when the Api serves it.</summary>
public sealed class SecretApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private static string Secrets(string ns) => $"/api/v1/namespaces/{ns}/secrets";

    private async Task<string> NamespaceAsync()
    {
        var ns = $"sec-{Guid.NewGuid():N}"[..12];
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        return ns;
    }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task String_data_is_merged_into_data_over_its_keys_and_never_served_and_the_type_defaults_to_opaque()
    {
        var ns = await NamespaceAsync();
        var (code, created, response) = await api.Client.SendAsync<Secret>(HttpMethod.Post, Secrets(ns), new Secret
        {
            Metadata = new ObjectMeta { Name = "creds" },
            Data = new() { ["username"] = Bytes("admin"), ["password"] = Bytes("old") },
            StringData = new() { ["password"] = "new" },
        });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var (_, raw, _) = await api.Client.SendAsync<JsonObject>(HttpMethod.Get, $"{Secrets(ns)}/creds");
        Assert.Equal(Convert.ToBase64String(Bytes("new")), raw!["data"]!["password"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(Bytes("admin")), raw["data"]!["username"]!.GetValue<string>());
        Assert.Equal("Opaque", raw["type"]!.GetValue<string>());
        Assert.Null(raw["stringData"]);
        Assert.Null(raw["sealed"]);
        Assert.Equal("Opaque", created!.Type);

        var (_, patched, _) = await api.Client.SendAsync<Secret>(HttpMethod.Patch, $"{Secrets(ns)}/creds",
            new { stringData = new { token = "t0k3n" } }, "application/merge-patch+json");
        Assert.Equal(["password", "token", "username"], patched!.Data!.Keys.Order());
        Assert.Equal("t0k3n", Encoding.UTF8.GetString(patched.Data["token"]));
    }

    [Fact]
    public async Task The_plaintext_of_a_secret_is_nowhere_in_the_event_store_its_projections_or_on_the_bus()
    {
        var ns = await NamespaceAsync();
        await using var recorder = await EventRecorder.StartAsync(api.VirtualHost.Name,
            typeof(SecretCreated), typeof(SecretDataChanged), typeof(SecretMetadataChanged));
        var plaintext = $"hunter2-{Guid.NewGuid():N}";
        var updated = $"correct-horse-{Guid.NewGuid():N}";
        // kubectl apply copies the object, data included, into an annotation: that must be sealed too.
        var applied = JsonSerializer.Serialize(new { data = new { password = Convert.ToBase64String(Bytes(plaintext)) } });
        var (code, _, response) = await api.Client.SendAsync<Secret>(HttpMethod.Post, Secrets(ns), new Secret
        {
            Metadata = new ObjectMeta
            {
                Name = "db",
                Labels = new() { ["app"] = "db" },
                Annotations = new() { ["kubectl.kubernetes.io/last-applied-configuration"] = applied },
            },
            StringData = new() { ["password"] = plaintext },
        });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await api.Client.SendAsync<Secret>(HttpMethod.Patch, $"{Secrets(ns)}/db",
            new { stringData = new { password = updated }, metadata = new { labels = new { app = "db2" } } }, "application/merge-patch+json");

        var (_, served, _) = await api.Client.SendAsync<Secret>(HttpMethod.Get, $"{Secrets(ns)}/db");
        Assert.Equal(updated, Encoding.UTF8.GetString(served!.Data!["password"]));
        Assert.Equal(applied, served.Metadata.Annotations!["kubectl.kubernetes.io/last-applied-configuration"]);

        string[] forbidden = [plaintext, updated, Convert.ToBase64String(Bytes(plaintext)), Convert.ToBase64String(Bytes(updated))];
        var rows = await EveryRowOfTheSchemaAsync();
        Assert.Contains(rows, r => r.Contains("SecretDataChanged", StringComparison.OrdinalIgnoreCase) || r.Contains("secret_data_changed"));
        foreach (var value in forbidden) Assert.DoesNotContain(rows, r => r.Contains(value, StringComparison.Ordinal));

        var received = await Eventually.WaitFor(() => Task.FromResult(recorder.Received.Where(e => e.Event.Namespace == ns).ToList()),
            r => r.Count >= 3, "the secret's three events on the bus");
        var onTheBus = string.Join("\n", received.Select(r => JsonSerializer.Serialize(r.Event, r.Event.GetType(), KubeJson.Options)));
        Assert.Contains("\"keyId\":\"test-key\"", onTheBus);
        foreach (var value in forbidden) Assert.DoesNotContain(value, onTheBus);
    }

    [Fact]
    public async Task A_tls_secret_without_its_keys_is_a_422_naming_each_and_stores_nothing()
    {
        var ns = await NamespaceAsync();
        var events = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Secrets(ns), new Secret
        {
            Metadata = new ObjectMeta { Name = "cert" },
            Type = SecretTypes.Tls,
            StringData = new() { ["tls.crt"] = "-----BEGIN CERTIFICATE-----" },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal(["data[tls.key]"], status!.Details!.Causes!.Select(c => c.Field));
        Assert.Equal(events, await api.EventCountAsync());
    }

    [Fact]
    public async Task An_immutable_secret_refuses_new_data_and_its_type_never_changes()
    {
        var ns = await NamespaceAsync();
        await api.Client.SendAsync<Secret>(HttpMethod.Post, Secrets(ns), new Secret
        {
            Metadata = new ObjectMeta { Name = "frozen" },
            StringData = new() { ["k"] = "v" },
            Immutable = true,
        });

        var (dataCode, dataStatus, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Secrets(ns)}/frozen",
            new { stringData = new { k = "w" } }, "application/merge-patch+json");
        var (typeCode, typeStatus, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Secrets(ns)}/frozen",
            new { type = "example.com/other" }, "application/merge-patch+json");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "data"), (dataCode, Assert.Single(dataStatus!.Details!.Causes!).Field));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "type"), (typeCode, Assert.Single(typeStatus!.Details!.Causes!).Field));
        var (_, kept, _) = await api.Client.SendAsync<Secret>(HttpMethod.Get, $"{Secrets(ns)}/frozen");
        Assert.Equal("v", Encoding.UTF8.GetString(kept!.Data!["k"]));
    }

    [Fact]
    public async Task Secrets_can_be_selected_by_type()
    {
        var ns = await NamespaceAsync();
        await api.Client.SendAsync<Secret>(HttpMethod.Post, Secrets(ns), new Secret { Metadata = new ObjectMeta { Name = "plain" } });
        await api.Client.SendAsync<Secret>(HttpMethod.Post, Secrets(ns), new Secret
        {
            Metadata = new ObjectMeta { Name = "login" },
            Type = SecretTypes.BasicAuth,
            StringData = new() { ["username"] = "u" },
        });

        var (_, list, _) = await api.Client.SendAsync<ObjectList<Secret>>(HttpMethod.Get,
            $"{Secrets(ns)}?fieldSelector=type%3Dkubernetes.io%2Fbasic-auth");

        Assert.Equal(["login"], list!.Items.Select(s => s.Metadata.Name));
        Assert.Equal("u", Encoding.UTF8.GetString(list.Items[0].Data!["username"]));
    }

    [Fact]
    public async Task Without_an_encryption_key_the_api_stores_no_secret_but_still_serves_config_maps()
    {
        await using var keyless = await api.StartHostAsync(new Dictionary<string, string?> { ["Secrets:EncryptionKeys:0"] = "" });
        using var client = new HttpClient { BaseAddress = new Uri(keyless.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", api.AdminToken);
        var ns = await NamespaceAsync();
        var events = await api.EventCountAsync();

        var (code, status, _) = await client.SendAsync<Status>(HttpMethod.Post, Secrets(ns),
            new Secret { Metadata = new ObjectMeta { Name = "s" }, StringData = new() { ["k"] = "v" } });

        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Contains("no encryption key", status!.Message);
        Assert.Equal(events, await api.EventCountAsync());
        await keyless.StopAsync();
    }

    // Every row of every table in the test's schema, as text: events, streams, projections, whatever Marten keeps.
    private async Task<List<string>> EveryRowOfTheSchemaAsync()
    {
        await using var connection = new NpgsqlConnection(Services.PostgresConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = @schema", connection))
        {
            list.Parameters.AddWithValue("schema", api.Schema.Name);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("mt_events", tables);
        Assert.Contains("mt_doc_secrets", tables);
        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"select t::text from {api.Schema.Name}.\"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
