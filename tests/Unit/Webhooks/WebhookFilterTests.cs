using EventOrch.Contracts.Model;
using EventOrch.Contracts.Webhooks;

namespace EventOrch.Tests.Unit.Webhooks;

public sealed class WebhookFilterTests
{
    private static WebhookFilter Filter(Func<WebhookSubscriptionSpec, WebhookSubscriptionSpec> spec) => new(spec(new WebhookSubscriptionSpec()));

    [Fact]
    public void A_subscription_without_filters_lets_every_event_through()
    {
        var filter = Filter(s => s with { Kinds = [], EventTypes = null });
        Assert.True(filter.Matches("NodeRegistered", "Node", ""));
        Assert.True(filter.MatchesLabels(null));
        Assert.True(filter.SelectsEverything);
    }

    [Theory]
    [InlineData("PodCreated", "Pod", "web", true)]
    [InlineData("PodDeleted", "Pod", "web", false)]
    [InlineData("PodCreated", "Pod", "db", false)]
    [InlineData("DeploymentCreated", "Deployment", "web", false)]
    [InlineData("PodCreated", "Pod", "", false)]
    public void Every_filter_that_is_set_must_let_the_event_through(string type, string kind, string ns, bool expected) =>
        Assert.Equal(expected, Filter(s => s with { EventTypes = ["PodCreated"], Kinds = ["Pod", "Service"], Namespaces = ["web"] }).Matches(type, kind, ns));

    [Fact]
    public void Names_match_exactly() => Assert.False(Filter(s => s with { Kinds = ["pod"] }).Matches("PodCreated", "Pod", "web"));

    [Fact]
    public void The_selector_matches_the_objects_labels()
    {
        var filter = Filter(s => s with
        {
            Selector = new LabelSelectorSpec
            {
                MatchLabels = new() { ["app"] = "web" },
                MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "Exists" }],
            },
        });
        Assert.True(filter.MatchesLabels(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }));
        Assert.False(filter.MatchesLabels(new Dictionary<string, string> { ["app"] = "web" }));
        Assert.False(filter.MatchesLabels(null));
    }

    [Fact]
    public void A_malformed_stored_selector_selects_nothing() =>
        Assert.False(Filter(s => s with { Selector = new LabelSelectorSpec { MatchExpressions = [new() { Key = "a", Operator = "Near" }] } })
            .MatchesLabels(new Dictionary<string, string> { ["a"] = "b" }));
}
