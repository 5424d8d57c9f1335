using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Webhooks;

/// <summary>Destinations outside the allowed networks are refused before any connection is opened, and the subscription's
/// status says why. This Api allows 127.0.0.1/32 only: nothing here ever connects anywhere else.</summary>
public sealed class WebhookDestinationTests(WebhookApiServer api) : IClassFixture<WebhookApiServer>
{
    [Theory]
    [InlineData("http://10.0.0.1:8080/hook", "Private", "10.0.0.1 is a private address")]
    [InlineData("http://169.254.169.254/latest/meta-data", "Metadata", "169.254.169.254 is a cloud metadata address")]
    [InlineData("http://127.0.0.2:9/hook", "Loopback", "127.0.0.2 is a loopback address")]
    [InlineData("http://[::ffff:192.168.1.1]/hook", "Private", "192.168.1.1 is a private address")]
    [InlineData("http://100.64.0.1/hook", "SharedAddressSpace", "100.64.0.1 is a shared (carrier-grade NAT) address")]
    public async Task A_destination_outside_the_allowed_networks_is_refused_and_the_status_says_why(string url, string reason, string message)
    {
        var ns = await api.NamespaceAsync();
        await api.KeySecretAsync(ns, "hook-key", Webhooks.NewKey());
        var name = $"refused-{ns}";
        await api.CreateSubscriptionAsync(Webhooks.Subscription(name, new Uri(url), ns, s => s with { Namespaces = [ns], MaxAttempts = 2 }));
        await api.ConfigMapAsync(ns, "event");

        var refused = await api.StatusAsync(name, s => s.DeadLetters == 1, "the refused delivery in the dead letters");
        var condition = Assert.Single(refused.Status!.Conditions!, c => c.Type == WebhookConditions.DestinationRefused);
        Assert.Equal(("True", reason), (condition.Status, condition.Reason));
        Assert.Contains(message, condition.Message);
        Assert.Contains("not in Webhooks:AllowedNetworks", refused.Status.LastFailure!.Error);
        Assert.Null(refused.Status.LastFailure.StatusCode);
        Assert.Null(refused.Status.LastDelivery);
        var letter = Assert.Single((await api.DeadLettersAsync(name)).Items);
        Assert.Equal(2, letter.Attempts);
        Assert.Contains(message, letter.LastError);
    }

    [Fact]
    public async Task Once_the_url_is_moved_to_an_allowed_address_the_redelivered_dead_letter_arrives_and_the_condition_clears()
    {
        var ns = await api.NamespaceAsync();
        var key = Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var receiver = await WebhookReceiver.StartAsync(key);
        var name = $"moved-{ns}";
        await api.CreateSubscriptionAsync(Webhooks.Subscription(name, new Uri($"http://10.0.0.1:{receiver.Url.Port}/hooks/events"), ns,
            s => s with { Namespaces = [ns], MaxAttempts = 1 }));
        await api.ConfigMapAsync(ns, "event");
        await api.StatusAsync(name, s => s.DeadLetters == 1, "the refused delivery in the dead letters");

        var (code, _, response) = await api.Client.SendAsync<WebhookSubscription>(HttpMethod.Patch, $"{Webhooks.Path}/{name}",
            new { spec = new { url = receiver.Url.ToString() } }, "application/merge-patch+json");
        Assert.True(code == System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (code, _, response) = await api.Client.SendAsync<WebhookRedelivery>(HttpMethod.Post, $"{Webhooks.Path}/{name}/redeliver", new WebhookRedelivery());
        Assert.True(code == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var accepted = await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Count == 1, "the redelivered event");
        Assert.Equal("event", accepted[0].ObjectName);
        var status = await api.StatusAsync(name, s => s.DeadLetters == 0 && s.LastDelivery is not null, "the status after the redelivery");
        Assert.Equal(("False", WebhookConditions.DestinationAllowed),
            status.Status!.Conditions!.Where(c => c.Type == WebhookConditions.DestinationRefused).Select(c => (c.Status, c.Reason)).Single());
    }

    [Fact]
    public async Task A_missing_signing_key_fails_the_attempt_without_sending_and_says_which_secret()
    {
        var ns = await api.NamespaceAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Webhooks.NewKey());
        var name = $"nokey-{ns}";
        await api.CreateSubscriptionAsync(Webhooks.Subscription(name, receiver.Url, ns, s => s with { Namespaces = [ns], MaxAttempts = 1 }));
        await api.ConfigMapAsync(ns, "event");

        var status = await api.StatusAsync(name, s => s.DeadLetters == 1, "the unsigned delivery in the dead letters");
        Assert.Equal($"secret {ns}/hook-key not found", status.Status!.LastFailure!.Error);
        Assert.Empty(receiver.Received);
    }
}
