using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Webhooks;

/// <summary>Deliveries to real receivers on 127.0.0.1: signed, in event order, retried with back-off until accepted, dead
/// letters after the last attempt and their redelivery, and one subscription's slow receiver holding up no other.</summary>
public sealed class WebhookDeliveryTests(WebhookApiServer api) : IClassFixture<WebhookApiServer>
{
    [Fact]
    public async Task A_receiver_that_answers_500_twice_gets_every_event_signed_retried_and_in_order_with_none_missing()
    {
        var ns = await api.NamespaceAsync();
        var key = Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var receiver = await WebhookReceiver.StartAsync(key);
        receiver.FailFirstAttempts(2);
        var name = $"retry-{ns}";
        await api.CreateSubscriptionAsync(Webhooks.Subscription(name, receiver.Url, ns, s => s with { Kinds = ["ConfigMap"], Namespaces = [ns] }));

        var expected = new List<(string Name, string Type, long Sequence)>();
        for (var i = 0; i < 4; i++)
        {
            var created = await api.ConfigMapAsync(ns, $"cm-{i}");
            expected.Add(($"cm-{i}", "ConfigMapCreated", long.Parse(created.Metadata.ResourceVersion!)));
        }
        var changed = await api.ChangeConfigMapAsync(ns, "cm-1", "2");
        expected.Add(("cm-1", "ConfigMapDataChanged", long.Parse(changed.Metadata.ResourceVersion!)));

        var accepted = await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Count >= expected.Count, "every delivery accepted");
        Assert.Equal(expected, accepted.Select(a => (a.ObjectName, a.EventType, a.Sequence)));
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid, $"signature {r.Signature} of delivery {r.DeliveryId}"));
        // Three attempts of each delivery, all under one delivery id: two refused with 500, then accepted.
        foreach (var group in receiver.Received.GroupBy(r => r.DeliveryId))
        {
            Assert.Equal([500, 500, 200], group.Select(r => r.Answer));
            Assert.Single(group.Select(r => r.Text).Distinct());
        }
        Assert.Equal(expected.Count, receiver.Received.Select(r => r.DeliveryId).Distinct().Count());

        var first = accepted[0].Body;
        Assert.Equal(accepted[0].DeliveryId, first["id"]!.GetValue<string>());
        Assert.Equal(name, first["subscription"]!["name"]!.GetValue<string>());
        Assert.Equal(1, first["event"]!["streamVersion"]!.GetValue<long>());
        Assert.Equal("ConfigMap", first["event"]!["kind"]!.GetValue<string>());
        Assert.Equal(ns, first["event"]!["namespace"]!.GetValue<string>());
        Assert.Equal(ApiServer.AdminUser, first["metadata"]!["user"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(first["metadata"]!["correlationId"]!.GetValue<string>()));
        Assert.Equal(expected[0].Sequence.ToString(), first["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
        // The object after the event: the change's delivery carries the new value.
        Assert.Equal("2", accepted[^1].Body["object"]!["data"]!["value"]!.GetValue<string>());

        var status = await api.StatusAsync(name, s => s.LastDelivery?.Sequence == expected[^1].Sequence && s.ConsecutiveFailures == 0,
            "the status to report the last delivery");
        Assert.Equal(200, status.Status!.LastDelivery!.StatusCode);
        Assert.Equal(500, status.Status.LastFailure!.StatusCode);
        Assert.Equal((0L, 0L), (status.Status.Pending, status.Status.DeadLetters));
        Assert.Contains(status.Status.Conditions!, c => c.Type == WebhookConditions.DestinationRefused && c.Status == "False");
    }

    [Fact]
    public async Task A_receiver_that_never_answers_ends_in_the_dead_letters_which_are_redelivered_under_the_same_id()
    {
        var ns = await api.NamespaceAsync();
        var key = Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var receiver = await WebhookReceiver.StartAsync(key);
        receiver.Respond = async (_, aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return 200;
        };
        var name = $"dead-{ns}";
        await api.CreateSubscriptionAsync(Webhooks.Subscription(name, receiver.Url, ns,
            s => s with { Namespaces = [ns], Kinds = ["ConfigMap"], MaxAttempts = 2, TimeoutSeconds = 1 }));
        var created = await api.ConfigMapAsync(ns, "lost");

        var dead = await Eventually.WaitFor(() => api.DeadLettersAsync(name), l => l.Items.Count == 1, "the delivery in the dead letters");
        var letter = dead.Items[0];
        Assert.Equal((2, long.Parse(created.Metadata.ResourceVersion!), "ConfigMapCreated"), (letter.Attempts, letter.Sequence, letter.EventType));
        Assert.Equal(("ConfigMap", ns, "lost", created.Metadata.Uid), (letter.Object.Kind, letter.Object.Namespace, letter.Object.Name, letter.Object.Uid));
        Assert.Contains("no answer within 1 s", letter.LastError);
        Assert.Equal(2, receiver.Received.Count(r => r.DeliveryId == letter.Id));
        await api.StatusAsync(name, s => s.DeadLetters == 1 && s.ConsecutiveFailures == 2, "the status to count the dead letter");

        receiver.Respond = (_, _) => Task.FromResult(200);
        var (code, redelivery, response) = await api.Client.SendAsync<WebhookRedelivery>(HttpMethod.Post, $"{Webhooks.Path}/{name}/redeliver",
            new WebhookRedelivery { DeliveryIds = [letter.Id] });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal([letter.Id], redelivery!.Status!.Redelivered);

        var accepted = await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Count == 1, "the redelivered delivery accepted");
        Assert.Equal((letter.Id, "lost"), (accepted[0].DeliveryId, accepted[0].ObjectName));
        Assert.True(accepted[0].SignatureValid);
        Assert.Empty((await api.DeadLettersAsync(name)).Items);
        await api.StatusAsync(name, s => s.DeadLetters == 0 && s.ConsecutiveFailures == 0, "the status to show no dead letter");
    }

    [Fact]
    public async Task A_receiver_that_holds_every_request_delays_no_other_subscription()
    {
        var ns = await api.NamespaceAsync();
        var key = Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var slow = await WebhookReceiver.StartAsync(key);
        await using var fast = await WebhookReceiver.StartAsync(key);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slow.Respond = async (_, aborted) =>
        {
            await release.Task.WaitAsync(aborted);
            return 200;
        };
        await api.CreateSubscriptionAsync(Webhooks.Subscription($"slow-{ns}", slow.Url, ns, s => s with { Namespaces = [ns], TimeoutSeconds = 60 }));
        await api.CreateSubscriptionAsync(Webhooks.Subscription($"fast-{ns}", fast.Url, ns, s => s with { Namespaces = [ns] }));

        for (var i = 0; i < 5; i++) await api.ConfigMapAsync(ns, $"cm-{i}");

        // Every delivery reaches the fast receiver while the slow one still holds the first of its own.
        var fastAccepted = await Eventually.WaitFor(() => Task.FromResult(fast.Accepted), a => a.Count == 5, "five deliveries at the fast receiver");
        Assert.Equal(["cm-0", "cm-1", "cm-2", "cm-3", "cm-4"], fastAccepted.Select(a => a.ObjectName));
        var held = Assert.Single(slow.Received);
        Assert.Null(held.Answer);

        release.SetResult();
        var slowAccepted = await Eventually.WaitFor(() => Task.FromResult(slow.Accepted), a => a.Count == 5, "five deliveries at the slow receiver");
        Assert.Equal(fastAccepted.Select(a => a.Sequence), slowAccepted.Select(a => a.Sequence));
    }

    [Fact]
    public async Task A_secret_is_delivered_with_the_keys_of_its_data_and_none_of_its_values()
    {
        var ns = await api.NamespaceAsync();
        var key = Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var receiver = await WebhookReceiver.StartAsync(key);
        await api.CreateSubscriptionAsync(Webhooks.Subscription($"secrets-{ns}", receiver.Url, ns, s => s with { Namespaces = [ns], Kinds = ["Secret"] }));
        var password = $"pw-{Guid.NewGuid():N}";
        var (code, _, response) = await api.Client.SendAsync<Secret>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets", new Secret
        {
            Metadata = new ObjectMeta { Name = "db", Annotations = new() { ["note"] = password } },
            StringData = new() { ["password"] = password, ["user"] = "app" },
        });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var delivered = (await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Count == 1, "the secret's delivery"))[0];
        Assert.Equal("SecretCreated", delivered.EventType);
        Assert.Equal(["password", "user"], delivered.Body["object"]!["data"]!.AsObject().Select(p => p.Key));
        Assert.All(delivered.Body["object"]!["data"]!.AsObject(), p => Assert.Null(p.Value));
        Assert.Null(delivered.Body["object"]!["metadata"]!["annotations"]!["note"]);
        Assert.Null(delivered.Body["event"]!["data"]);
        Assert.DoesNotContain(password, delivered.Text);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(password)), delivered.Text);
    }
}
