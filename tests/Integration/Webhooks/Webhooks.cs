using System.Net;
using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Webhooks;

/// <summary>What the webhook tests set up through the Api: a namespace, the Secret holding a signing key, a
/// subscription, ConfigMaps to make events with.</summary>
public static class Webhooks
{
    public const string Path = "/apis/eventorch.io/v1/webhooksubscriptions";

    public static byte[] NewKey() => Encoding.UTF8.GetBytes($"key-{Guid.NewGuid():N}");

    public static async Task<string> NamespaceAsync(this ApiServer api, string prefix = "wh")
    {
        var ns = $"{prefix}-{Guid.NewGuid():N}"[..12];
        var (code, _, response) = await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ns;
    }

    public static async Task KeySecretAsync(this ApiServer api, string ns, string name, byte[] key)
    {
        var (code, _, response) = await api.Client.SendAsync<Secret>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets",
            new Secret { Metadata = new ObjectMeta { Name = name }, Data = new() { ["key"] = key } });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A subscription to <paramref name="url"/> signed with the key in Secret <paramref name="ns"/>/hook-key.</summary>
    public static WebhookSubscription Subscription(string name, Uri url, string ns, Func<WebhookSubscriptionSpec, WebhookSubscriptionSpec>? spec = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = (spec ?? (s => s))(new WebhookSubscriptionSpec
        {
            Url = url.ToString(),
            SecretRef = new WebhookSecretReference { Namespace = ns, Name = "hook-key" },
        }),
    };

    public static async Task<WebhookSubscription> CreateSubscriptionAsync(this ApiServer api, WebhookSubscription subscription)
    {
        var (code, created, response) = await api.Client.SendAsync<WebhookSubscription>(HttpMethod.Post, Path, subscription);
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return created!;
    }

    public static async Task<WebhookSubscription> GetSubscriptionAsync(this ApiServer api, string name)
    {
        var (code, subscription, response) = await api.Client.SendAsync<WebhookSubscription>(HttpMethod.Get, $"{Path}/{name}");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return subscription!;
    }

    /// <summary>Waits until the subscription's status satisfies <paramref name="done"/>.</summary>
    public static Task<WebhookSubscription> StatusAsync(this ApiServer api, string name, Func<WebhookSubscriptionStatus, bool> done, string what) =>
        Eventually.WaitFor(() => api.GetSubscriptionAsync(name), s => s.Status is { } status && done(status), what);

    public static async Task<ConfigMap> ConfigMapAsync(this ApiServer api, string ns, string name, Dictionary<string, string>? labels = null,
        string value = "1")
    {
        var (code, created, response) = await api.Client.SendAsync<ConfigMap>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps",
            new ConfigMap { Metadata = new ObjectMeta { Name = name, Labels = labels }, Data = new() { ["value"] = value } });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return created!;
    }

    public static async Task<ConfigMap> ChangeConfigMapAsync(this ApiServer api, string ns, string name, string value)
    {
        var (code, patched, response) = await api.Client.SendAsync<ConfigMap>(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/{name}",
            new { data = new { value } }, "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return patched!;
    }

    public static async Task<WebhookDeadLetterList> DeadLettersAsync(this ApiServer api, string name)
    {
        var (code, list, response) = await api.Client.SendAsync<WebhookDeadLetterList>(HttpMethod.Get, $"{Path}/{name}/deadletters");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return list!;
    }
}
