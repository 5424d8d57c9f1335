namespace EventOrch.Contracts.Model;

/// <summary>eventorch.io/v1 WebhookSubscription (cluster-scoped): every committed event that passes the filters is
/// POSTed, signed, to <see cref="WebhookSubscriptionSpec.Url"/>, at least once and in event order.</summary>
public sealed record WebhookSubscription : IKubeObject
{
    public string ApiVersion { get; init; } = "eventorch.io/v1";
    public string Kind { get; init; } = "WebhookSubscription";
    public ObjectMeta Metadata { get; init; } = new();
    public WebhookSubscriptionSpec Spec { get; init; } = new();
    public WebhookSubscriptionStatus? Status { get; init; }
}

/// <summary>Where deliveries go, how they are signed, which events they carry and how hard they are tried. An empty
/// (or absent) filter lets every value through; the filters that are set must all match.</summary>
public sealed record WebhookSubscriptionSpec
{
    /// <summary>The absolute http or https URL every delivery is POSTed to.</summary>
    public string Url { get; init; } = "";

    /// <summary>The Secret (and the key in it) whose value signs every delivery.</summary>
    public WebhookSecretReference? SecretRef { get; init; }

    /// <summary>Event type names (PodCreated, DeploymentSpecChanged, ...; see docs/events.md).</summary>
    public List<string>? EventTypes { get; init; }

    /// <summary>Kinds of the objects the events are about (Pod, Deployment, ...).</summary>
    public List<string>? Kinds { get; init; }

    /// <summary>Namespaces of the objects; a cluster-scoped object (a Node) is in none, so this filter lets none through.</summary>
    public List<string>? Namespaces { get; init; }

    /// <summary>A label selector on the object after the event (before it, for a delete).</summary>
    public LabelSelectorSpec? Selector { get; init; }

    /// <summary>How many times one delivery is tried before it goes to the dead letters; the Api's default
    /// (Webhooks:MaxAttempts) when unset.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>How long one attempt may take, connect to answer; the Api's default (Webhooks:TimeoutSeconds) when unset.</summary>
    public int? TimeoutSeconds { get; init; }
}

/// <summary>A key in a Secret; <see cref="Key"/> defaults to "key".</summary>
public sealed record WebhookSecretReference
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Key { get; init; }
}

/// <summary>How deliveries have gone, written by the Api's webhook dispatcher (at most once per Webhooks:StatusInterval).</summary>
public sealed record WebhookSubscriptionStatus
{
    /// <summary>The last delivery the receiver accepted with a 2xx answer.</summary>
    public WebhookDeliveryOutcome? LastDelivery { get; init; }

    /// <summary>The last attempt that failed: the answer's code, a timeout, a refused destination, a missing key.</summary>
    public WebhookDeliveryOutcome? LastFailure { get; init; }

    /// <summary>Failed attempts since the last accepted delivery.</summary>
    public int? ConsecutiveFailures { get; init; }

    /// <summary>Deliveries waiting to be sent (or tried again).</summary>
    public long? Pending { get; init; }

    /// <summary>Deliveries that used up their attempts and wait in the dead letters.</summary>
    public long? DeadLetters { get; init; }

    [PatchStrategy(PatchStrategies.Merge, MergeKey = "type")]
    public List<WebhookSubscriptionCondition>? Conditions { get; init; }
}

/// <summary>One attempt at a delivery: when, which event (its sequence and type), and what came of it.</summary>
public sealed record WebhookDeliveryOutcome
{
    public DateTimeOffset? Time { get; init; }
    public long? Sequence { get; init; }
    public string? EventType { get; init; }

    /// <summary>The receiver's HTTP status code, when it answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Why the attempt failed; unset for an accepted delivery.</summary>
    public string? Error { get; init; }
}

public sealed record WebhookSubscriptionCondition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? LastTransitionTime { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
}

/// <summary>The condition types and reasons of a WebhookSubscription.</summary>
public static class WebhookConditions
{
    /// <summary>True while the last attempt was refused before connecting: the URL's address is private, loopback,
    /// link-local, metadata, ... and not in Webhooks:AllowedNetworks. False once an attempt got past the check.</summary>
    public const string DestinationRefused = "DestinationRefused";

    public const string DestinationAllowed = "DestinationAllowed";

    /// <summary>The key the signing key is read from when <see cref="WebhookSecretReference.Key"/> is not given.</summary>
    public const string DefaultSecretKey = "key";
}
