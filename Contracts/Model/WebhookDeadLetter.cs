namespace EventOrch.Contracts.Model;

/// <summary>The dead letters of one WebhookSubscription (GET .../webhooksubscriptions/{name}/deadletters), oldest event first.</summary>
public sealed record WebhookDeadLetterList
{
    public string ApiVersion { get; init; } = "eventorch.io/v1";
    public string Kind { get; init; } = "WebhookDeadLetterList";
    public ListMeta Metadata { get; init; } = new();
    public List<WebhookDeadLetter> Items { get; init; } = [];
}

/// <summary>A delivery that used up its attempts: which event it carries and how its last attempt went.</summary>
public sealed record WebhookDeadLetter
{
    /// <summary>The delivery id (X-EventOrch-Delivery), the same on every attempt and on a redelivery.</summary>
    public string Id { get; init; } = "";

    /// <summary>The event's global sequence.</summary>
    public long Sequence { get; init; }

    public string EventType { get; init; } = "";

    /// <summary>The object the event is about.</summary>
    public WebhookObjectReference Object { get; init; } = new();

    public int Attempts { get; init; }
    public DateTimeOffset? CreationTimestamp { get; init; }
    public DateTimeOffset? LastAttemptTime { get; init; }
    public DateTimeOffset? DeadLetteredTime { get; init; }
    public int? LastStatusCode { get; init; }
    public string? LastError { get; init; }
}

public sealed record WebhookObjectReference
{
    public string Kind { get; init; } = "";
    public string? Namespace { get; init; }
    public string Name { get; init; } = "";
    public string Uid { get; init; } = "";
}

/// <summary>POST .../webhooksubscriptions/{name}/redeliver: puts dead letters back in the subscription's queue, with
/// their attempts counted from zero. No <see cref="DeliveryIds"/> means every dead letter; the answer's
/// <see cref="Status"/> says which went back.</summary>
public sealed record WebhookRedelivery : IKubeObject
{
    public string ApiVersion { get; init; } = "eventorch.io/v1";
    public string Kind { get; init; } = "WebhookRedelivery";
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The dead letters to send again, by delivery id.</summary>
    public List<string>? DeliveryIds { get; init; }

    public WebhookRedeliveryStatus? Status { get; init; }
}

public sealed record WebhookRedeliveryStatus
{
    /// <summary>The delivery ids put back in the queue, in event order.</summary>
    public List<string> Redelivered { get; init; } = [];
}
