using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>WebhookSubscriptions: NAME URL LAST-DELIVERY FAILURES DEAD-LETTERS AGE; wide adds PENDING and REFUSED.</summary>
public sealed class WebhookSubscriptionPrinter() : TablePrinter<WebhookSubscription>(ResourceKind.WebhookSubscription)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("URL", "Where deliveries are POSTed (spec.url)."),
        Tables.Columns.Text("Last-Delivery", "How long ago the receiver last accepted a delivery."),
        Tables.Columns.Integer("Failures", "Failed attempts since the last accepted delivery."),
        Tables.Columns.Integer("Dead-Letters", "Deliveries that used up their attempts."),
        Tables.Columns.Age,
        Tables.Columns.Integer("Pending", "Deliveries waiting to be sent.", priority: 1),
        Tables.Columns.Wide("Refused", "Why the destination is refused, when it is (the DestinationRefused condition)."),
    ];

    protected override IReadOnlyList<object?> Cells(WebhookSubscription subscription, DateTimeOffset now)
    {
        var status = subscription.Status;
        var refused = status?.Conditions?.FirstOrDefault(c => c.Type == WebhookConditions.DestinationRefused && c.Status == "True");
        return
        [
            subscription.Metadata.Name,
            subscription.Spec.Url,
            status?.LastDelivery?.Time is { } time ? Tables.Cells.Since(time, now) : Tables.Cells.None,
            status?.ConsecutiveFailures ?? 0,
            status?.DeadLetters ?? 0,
            Tables.Cells.Since(subscription.Metadata.CreationTimestamp, now),
            status?.Pending ?? 0,
            refused?.Reason ?? Tables.Cells.None,
        ];
    }
}
