using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public sealed class WebhookSubscriptionValidationTests
{
    private static readonly string[] Kinds = ["Pod", "Deployment", "ConfigMap"];
    private static readonly HashSet<string> EventTypes = ["PodCreated", "PodDeleted"];

    private static WebhookSubscription Subscription(Func<WebhookSubscriptionSpec, WebhookSubscriptionSpec>? change = null) => new()
    {
        Metadata = new ObjectMeta { Name = "hook" },
        Spec = (change ?? (s => s))(new WebhookSubscriptionSpec
        {
            Url = "https://hooks.example.com/eventorch?team=a",
            SecretRef = new WebhookSecretReference { Namespace = "default", Name = "hook-key", Key = "key" },
        }),
    };

    private static List<string> Errors(WebhookSubscription subscription) =>
        WebhookSubscriptionValidation.ValidateCreate(subscription, Kinds, EventTypes).Select(e => e.Message).ToList();

    [Fact]
    public void A_subscription_with_every_filter_and_setting_in_range_is_valid() =>
        Assert.Empty(Errors(Subscription(s => s with
        {
            Url = "http://127.0.0.1:9000/hook",
            EventTypes = ["PodCreated"],
            Kinds = ["Pod", "ConfigMap"],
            Namespaces = ["web", "kube-system"],
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
            MaxAttempts = 100,
            TimeoutSeconds = 60,
        })));

    [Theory]
    [InlineData("", "spec.url: Required value")]
    [InlineData("ftp://example.com/", "spec.url: Invalid value: \"ftp://example.com/\": the URL scheme must be http or https")]
    [InlineData("https://u:p@example.com/", "spec.url: Invalid value: \"https://u:p@example.com/\": user information is not permitted in the URL")]
    [InlineData("https://example.com/#top", "spec.url: Invalid value: \"https://example.com/#top\": fragments are not permitted in the URL")]
    [InlineData("example.com/hook", "spec.url: Invalid value: \"example.com/hook\": must be an absolute URL")]
    public void The_url_must_be_an_absolute_http_url_without_credentials_or_fragment(string url, string error) =>
        Assert.Equal([error], Errors(Subscription(s => s with { Url = url })));

    [Fact]
    public void The_secret_reference_is_required_and_names_a_namespace_a_secret_and_a_key()
    {
        Assert.Equal(["spec.secretRef: Required value: deliveries are signed with a key from a Secret"], Errors(Subscription(s => s with { SecretRef = null })));
        Assert.Equal(["spec.secretRef.namespace: Required value", "spec.secretRef.name: Required value", "spec.secretRef.key: Required value"],
            Errors(Subscription(s => s with { SecretRef = new WebhookSecretReference { Key = "" } })));
    }

    [Fact]
    public void Filters_name_known_kinds_and_event_types_once_each()
    {
        var errors = Errors(Subscription(s => s with { Kinds = ["Pod", "Pod", "Widget"], EventTypes = ["PodMoved"], Namespaces = ["", "Web"] }));
        Assert.Equal(
        [
            "spec.eventTypes[0]: Invalid value: \"PodMoved\": not an event type EventOrch records (see docs/events.md)",
            "spec.kinds[1]: Duplicate value: \"Pod\"",
            "spec.kinds[2]: Unsupported value: \"Widget\": supported values: \"ConfigMap\", \"Deployment\", \"Pod\"",
            "spec.namespaces[0]: Required value",
        ], errors.Take(4));
        Assert.StartsWith("spec.namespaces[1]: Invalid value: \"Web\": a lowercase RFC 1123 label", errors[4]);
    }

    [Theory]
    [InlineData(0, null, "spec.maxAttempts: Invalid value: 0: must be between 1 and 100, inclusive")]
    [InlineData(101, null, "spec.maxAttempts: Invalid value: 101: must be between 1 and 100, inclusive")]
    [InlineData(null, 0, "spec.timeoutSeconds: Invalid value: 0: must be between 1 and 60, inclusive")]
    public void Delivery_settings_stay_in_range(int? attempts, int? timeout, string error) =>
        Assert.Equal([error], Errors(Subscription(s => s with { MaxAttempts = attempts, TimeoutSeconds = timeout })));

    [Fact]
    public void A_status_count_may_not_be_negative() =>
        Assert.Equal(["status.consecutiveFailures: Invalid value: -1: must be greater than or equal to 0"],
            WebhookSubscriptionValidation.ValidateStatus(new WebhookSubscriptionStatus { ConsecutiveFailures = -1 }).Select(e => e.Message));
}
