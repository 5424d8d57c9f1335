using EventOrch.Api.Webhooks;
using EventOrch.Api.Webhooks.Delivery;
using EventOrch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventOrch.Tests.Integration.Webhooks;

/// <summary>Two Api instances on one store: one routes (the daemon's leader), one sends (the advisory lock's holder), so
/// every event is delivered once; when the sending instance's dispatcher goes away, the other takes over.</summary>
public sealed class WebhookInstanceTests(WebhookApiServer api) : IClassFixture<WebhookApiServer>
{
    [Fact]
    public async Task Two_api_instances_deliver_each_event_once_and_the_second_takes_over_when_the_first_stops_sending()
    {
        var second = await api.StartHostAsync(new Dictionary<string, string?>());
        var first = api.Services.GetRequiredService<WebhookDispatcher>();
        try
        {
            var other = second.Services.GetRequiredService<WebhookDispatcher>();
            var ns = await api.NamespaceAsync();
            var key = Webhooks.NewKey();
            await api.KeySecretAsync(ns, "hook-key", key);
            await using var receiver = await WebhookReceiver.StartAsync(key);
            var subscription = await api.CreateSubscriptionAsync(Webhooks.Subscription($"twice-{ns}", receiver.Url, ns, s => s with { Namespaces = [ns] }));

            for (var i = 0; i < 10; i++) await api.ConfigMapAsync(ns, $"before-{i}");
            await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Count == 10, "ten deliveries");
            Assert.True(first.IsLeading ^ other.IsLeading, $"one dispatcher leads (first {first.IsLeading}, second {other.IsLeading})");
            Assert.True(first.IsLeading, "the first instance, started first, sends");

            await first.StopAsync(CancellationToken.None);
            await Eventually.WaitFor(() => other.IsLeading, "the second instance to take over");
            for (var i = 0; i < 10; i++) await api.ConfigMapAsync(ns, $"after-{i}");

            var accepted = await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Count == 20, "twenty deliveries");
            await Eventually.WaitFor(() => QueuedAsync(Guid.Parse(subscription.Metadata.Uid!)), n => n == 0, "an empty queue");
            Assert.Equal(20, receiver.Received.Count);
            Assert.Equal(20, receiver.Received.Select(r => r.DeliveryId).Distinct().Count());
            Assert.Equal(accepted.Select(a => a.Sequence).Order(), accepted.Select(a => a.Sequence));
            Assert.Equal([.. Enumerable.Range(0, 10).Select(i => $"before-{i}"), .. Enumerable.Range(0, 10).Select(i => $"after-{i}")],
                accepted.Select(a => a.ObjectName));
        }
        finally
        {
            await first.StartAsync(CancellationToken.None);
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }

    private async Task<long> QueuedAsync(Guid subscription)
    {
        await using var connection = new NpgsqlConnection(Services.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select count(*) from {WebhookStorage.QualifiedName(api.Schema.Name)} where subscription_uid = $1", connection);
        command.Parameters.Add(new() { Value = subscription });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
