using System.Net;
using System.Text;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Builder;

namespace EventOrch.Tests.Integration.Api;

/// <summary>Rotating the key Secrets are sealed with, as docs/operations.md describes it: add the new key first, rewrite
/// every Secret (a PUT of each, as <c>kubectl get secrets -A -o json | kubectl replace -f -</c> does), drop the old key.</summary>
public sealed class SecretKeyRotationTests(ApiServer api) : IClassFixture<ApiServer>
{
    private static readonly string NewKey = "key-2:" + Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    private static string Secrets(string ns) => $"/api/v1/namespaces/{ns}/secrets";

    private async Task<(WebApplication Host, HttpClient Client)> StartAsync(params string[] keys)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++) settings[$"Secrets:EncryptionKeys:{i}"] = keys[i];
        var host = await api.StartHostAsync(settings);
        var client = new HttpClient { BaseAddress = new Uri(host.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", api.AdminToken);
        return (host, client);
    }

    private async Task<string> StoredKeyOfAsync(string ns, string name)
    {
        await using var session = api.Store.QuerySession();
        var key = $"{ns}/{name}";
        var record = await session.Query<EventOrch.Api.Storage.ObjectRecord<Secret>>().SingleAsync(r => r.Key == key);
        Assert.Null(record.Object.Data);
        return record.Object.Sealed!.KeyId;
    }

    [Fact]
    public async Task Rewriting_every_secret_under_a_new_first_key_lets_the_old_key_go()
    {
        var ns = $"rot-{Guid.NewGuid():N}"[..12];
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        foreach (var name in new[] { "one", "two" })
        {
            var (code, _, _) = await api.Client.SendAsync<Secret>(HttpMethod.Post, Secrets(ns),
                new Secret { Metadata = new ObjectMeta { Name = name }, StringData = new() { ["value"] = $"{name}-plaintext" }, Immutable = name == "two" });
            Assert.Equal(HttpStatusCode.Created, code);
            Assert.Equal("test-key", await StoredKeyOfAsync(ns, name));
        }

        // Step 1: the new key first, the old one still there to open what it sealed.
        var (both, bothClient) = await StartAsync(NewKey, ApiServer.TestEncryptionKey);
        await using (both)
        using (bothClient)
        {
            var before = await api.EventCountAsync<SecretDataChanged>();
            // Step 2: every Secret written back unchanged; immutable ones too, since their data stays the same.
            var (_, list, _) = await bothClient.SendAsync<ObjectList<Secret>>(HttpMethod.Get, Secrets(ns));
            foreach (var secret in list!.Items)
            {
                var (code, _, response) = await bothClient.SendAsync<Secret>(HttpMethod.Put, $"{Secrets(ns)}/{secret.Metadata.Name}", secret);
                Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            }
            Assert.Equal(before + 2, await api.EventCountAsync<SecretDataChanged>());
            Assert.Equal(("key-2", "key-2"), (await StoredKeyOfAsync(ns, "one"), await StoredKeyOfAsync(ns, "two")));

            // Written again under the current key, an unchanged Secret appends nothing.
            var (_, again, _) = await bothClient.SendAsync<Secret>(HttpMethod.Get, $"{Secrets(ns)}/one");
            await bothClient.SendAsync<Secret>(HttpMethod.Put, $"{Secrets(ns)}/one", again);
            Assert.Equal(before + 2, await api.EventCountAsync<SecretDataChanged>());
            await both.StopAsync();
        }

        // Step 3: the old key gone, every Secret still opens.
        var (onlyNew, onlyNewClient) = await StartAsync(NewKey);
        await using (onlyNew)
        using (onlyNewClient)
        {
            var (code, one, _) = await onlyNewClient.SendAsync<Secret>(HttpMethod.Get, $"{Secrets(ns)}/one");
            Assert.Equal(HttpStatusCode.OK, code);
            Assert.Equal("one-plaintext", Encoding.UTF8.GetString(one!.Data!["value"]));
            await onlyNew.StopAsync();
        }
    }

    [Fact]
    public async Task A_secret_sealed_with_a_key_the_api_no_longer_has_is_a_500_naming_the_key()
    {
        var ns = $"lost-{Guid.NewGuid():N}"[..12];
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        await api.Client.SendAsync<Secret>(HttpMethod.Post, Secrets(ns), new Secret { Metadata = new ObjectMeta { Name = "s" }, StringData = new() { ["k"] = "v" } });

        var (host, client) = await StartAsync(NewKey);
        await using (host)
        using (client)
        {
            var (code, status, _) = await client.SendAsync<Status>(HttpMethod.Get, $"{Secrets(ns)}/s");

            Assert.Equal(HttpStatusCode.InternalServerError, code);
            Assert.Equal("secrets \"s\" cannot be read: it is sealed with encryption key \"test-key\", which is not among Secrets:EncryptionKeys", status!.Message);
            await host.StopAsync();
        }
    }
}
