using System.Text.Json.Nodes;
using EventOrch.Tests.Integration.Webhooks;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Cli;

/// <summary>eoctl webhooks deadletters and redeliver against a real Api and a real receiver.</summary>
public sealed class EoctlWebhookTests(WebhookApiServer api) : IClassFixture<WebhookApiServer>, IDisposable
{
    private readonly EoctlRunner _eoctl = new(api);

    [Fact]
    public async Task Dead_letters_are_listed_as_a_table_and_as_json_and_redelivered_by_id_or_all()
    {
        var ns = await api.NamespaceAsync();
        var key = Webhooks.Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var receiver = await WebhookReceiver.StartAsync(key);
        receiver.Respond = (_, _) => Task.FromResult(503);
        var name = $"cli-{ns}";
        await api.CreateSubscriptionAsync(Webhooks.Webhooks.Subscription(name, receiver.Url, ns, s => s with { Namespaces = [ns], MaxAttempts = 1 }));
        await api.ConfigMapAsync(ns, "first");
        await api.ConfigMapAsync(ns, "second");
        var dead = await Eventually.WaitFor(() => api.DeadLettersAsync(name), l => l.Items.Count == 2, "two dead letters");

        var table = await _eoctl.RunAsync("webhooks", "deadletters", name);
        Assert.True(table.ExitCode == 0, table.ToString());
        var lines = table.Out.TrimEnd().Split('\n');
        Assert.Equal(["ID", "SEQUENCE", "EVENT", "OBJECT", "ATTEMPTS", "LAST-ERROR", "AGE"],
            lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(dead.Items[0].Id, lines[1]);
        Assert.Contains($"ConfigMap/{ns}/first", lines[1]);
        Assert.Contains("the receiver answered 503", lines[1]);
        Assert.Contains($"ConfigMap/{ns}/second", lines[2]);

        var json = await _eoctl.RunAsync("webhooks", "deadletters", $"whsub/{name}", "-o", "json");
        Assert.Equal("WebhookDeadLetterList", JsonNode.Parse(json.Out)!["kind"]!.GetValue<string>());

        var refused = await _eoctl.RunAsync("webhooks", "redeliver", name);
        Assert.Equal((1, "error: name the dead letters to redeliver with --id, or give --all"), (refused.ExitCode, refused.Error.Trim()));
        var unknown = await _eoctl.RunAsync("webhooks", "redeliver", name, "--id", Guid.NewGuid().ToString());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("deliveryIds[0]: Not found", unknown.Error);

        var dry = await _eoctl.RunAsync("webhooks", "redeliver", name, "--all", "--dry-run");
        Assert.Contains("2 dead letters queued for redelivery (server dry run)", dry.Out);
        Assert.Equal(2, (await api.DeadLettersAsync(name)).Items.Count);

        receiver.Respond = (_, _) => Task.FromResult(200);
        var one = await _eoctl.RunAsync("webhooks", "redeliver", name, "--id", dead.Items[1].Id);
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Equal($"webhooksubscription.eventorch.io/{name}: 1 dead letter queued for redelivery\n  {dead.Items[1].Id}\n", one.Out);
        await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Count == 1, "the second event redelivered");
        Assert.Equal("second", receiver.Accepted[0].ObjectName);

        var rest = await _eoctl.RunAsync("webhooks", "redeliver", name, "--all");
        Assert.Contains("1 dead letter queued for redelivery", rest.Out);
        await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Count == 2, "the first event redelivered");
        var empty = await _eoctl.RunAsync("webhooks", "deadletters", name);
        Assert.Equal((0, "No dead letters."), (empty.ExitCode, empty.Error.Trim()));
    }

    public void Dispose() => _eoctl.Dispose();
}
