using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Webhooks;

/// <summary>WebhookSubscriptions served as every kind is: validation with a Status naming the field, defaults, dry runs,
/// the status subresource, and the dead-letter paths' own errors and pages.</summary>
public sealed class WebhookSubscriptionApiTests(WebhookApiServer api) : IClassFixture<WebhookApiServer>
{
    private const string SecretRef = """ "secretRef":{"namespace":"default","name":"hook-key"} """;

    [Theory]
    [InlineData("""{"metadata":{"name":"no-url"},"spec":{"secretRef":{"namespace":"default","name":"k"}}}""", "spec.url", "Required value")]
    [InlineData("""{"metadata":{"name":"ftp"},"spec":{"url":"ftp://example.com/x",""" + SecretRef + "}}", "spec.url", "the URL scheme must be http or https")]
    [InlineData("""{"metadata":{"name":"relative"},"spec":{"url":"/hook",""" + SecretRef + "}}", "spec.url", "the URL scheme must be http or https")]
    [InlineData("""{"metadata":{"name":"nonsense"},"spec":{"url":"not a url",""" + SecretRef + "}}", "spec.url", "must be an absolute URL")]
    [InlineData("""{"metadata":{"name":"creds"},"spec":{"url":"https://user:pw@example.com/",""" + SecretRef + "}}", "spec.url", "user information is not permitted")]
    [InlineData("""{"metadata":{"name":"fragment"},"spec":{"url":"https://example.com/#x",""" + SecretRef + "}}", "spec.url", "fragments are not permitted")]
    [InlineData("""{"metadata":{"name":"no-secret"},"spec":{"url":"https://example.com/"}}""", "spec.secretRef", "Required value")]
    [InlineData("""{"metadata":{"name":"bad-secret"},"spec":{"url":"https://example.com/","secretRef":{"namespace":"Bad_NS","name":"k"}}}""", "spec.secretRef.namespace", "RFC 1123 label")]
    [InlineData("""{"metadata":{"name":"bad-key"},"spec":{"url":"https://example.com/","secretRef":{"namespace":"default","name":"k","key":"a b"}}}""", "spec.secretRef.key", "Invalid value")]
    [InlineData("""{"metadata":{"name":"kind"},"spec":{"url":"https://example.com/",""" + SecretRef + ""","kinds":["Pod","Gadget"]}}""", "spec.kinds[1]", "Unsupported value: \"Gadget\": supported values:")]
    [InlineData("""{"metadata":{"name":"type"},"spec":{"url":"https://example.com/",""" + SecretRef + ""","eventTypes":["PodExploded"]}}""", "spec.eventTypes[0]", "not an event type EventOrch records")]
    [InlineData("""{"metadata":{"name":"dup"},"spec":{"url":"https://example.com/",""" + SecretRef + ""","namespaces":["a","a"]}}""", "spec.namespaces[1]", "Duplicate value")]
    [InlineData("""{"metadata":{"name":"ns"},"spec":{"url":"https://example.com/",""" + SecretRef + ""","namespaces":["Not_A_Label"]}}""", "spec.namespaces[0]", "RFC 1123 label")]
    [InlineData("""{"metadata":{"name":"sel"},"spec":{"url":"https://example.com/",""" + SecretRef + ""","selector":{"matchExpressions":[{"key":"a","operator":"Near"}]}}}""", "spec.selector", "not a valid label selector operator")]
    [InlineData("""{"metadata":{"name":"attempts"},"spec":{"url":"https://example.com/",""" + SecretRef + ""","maxAttempts":0}}""", "spec.maxAttempts", "must be between 1 and 100, inclusive")]
    [InlineData("""{"metadata":{"name":"timeout"},"spec":{"url":"https://example.com/",""" + SecretRef + ""","timeoutSeconds":61}}""", "spec.timeoutSeconds", "must be between 1 and 60, inclusive")]
    public async Task An_invalid_subscription_is_unprocessable_names_the_field_and_stores_nothing(string body, string field, string message)
    {
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Webhooks.Path, body);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal(("Invalid", "WebhookSubscription", "eventorch.io"), (status!.Reason, status.Details!.Kind, status.Details.Group));
        var cause = Assert.Single(status.Details.Causes!, c => c.Field == field);
        Assert.Contains(message, cause.Message);
        Assert.StartsWith("WebhookSubscription ", status.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_subscription_is_created_with_the_default_key_listed_by_name_and_its_spec_changes_raise_the_generation()
    {
        var (code, created, response) = await api.Client.SendAsync<WebhookSubscription>(HttpMethod.Post, Webhooks.Path, """
            {"apiVersion":"eventorch.io/v1","kind":"WebhookSubscription","metadata":{"name":"crud"},
             "spec":{"url":"https://hooks.example.com/eo","secretRef":{"namespace":"default","name":"hook-key"},"kinds":["Pod"]}}
            """);
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal(("key", 1L), (created!.Spec.SecretRef!.Key, created.Metadata.Generation));
        Assert.Null(created.Metadata.Namespace);

        var (_, list, _) = await api.Client.SendAsync<ObjectList<WebhookSubscription>>(HttpMethod.Get, $"{Webhooks.Path}?fieldSelector=spec.url%3Dhttps://hooks.example.com/eo");
        Assert.Equal(("WebhookSubscriptionList", "eventorch.io/v1"), (list!.Kind, list.ApiVersion));
        Assert.Equal(["crud"], list.Items.Select(s => s.Metadata.Name));

        var (_, patched, _) = await api.Client.SendAsync<WebhookSubscription>(HttpMethod.Patch, $"{Webhooks.Path}/crud",
            new { spec = new { kinds = new[] { "Pod", "Deployment" } } }, "application/merge-patch+json");
        Assert.Equal(2L, patched!.Metadata.Generation);
        Assert.Equal(["Pod", "Deployment"], patched.Spec.Kinds!);

        var deleted = await api.Client.DeleteAsync($"{Webhooks.Path}/crud");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var (gone, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{Webhooks.Path}/crud");
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Fact]
    public async Task A_dry_run_create_answers_the_defaulted_subscription_and_stores_nothing()
    {
        var before = await api.EventCountAsync();

        var (code, answer, _) = await api.Client.SendAsync<WebhookSubscription>(HttpMethod.Post, $"{Webhooks.Path}?dryRun=All",
            Webhooks.Subscription("dry", new Uri("https://example.com/"), "default"));

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("key", answer!.Spec.SecretRef!.Key);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_status_with_a_negative_count_is_refused_on_the_status_subresource()
    {
        await api.CreateSubscriptionAsync(Webhooks.Subscription("status-check", new Uri("https://example.com/"), "default"));

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Webhooks.Path}/status-check/status",
            new { status = new { deadLetters = -1 } }, "application/merge-patch+json");

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("status.deadLetters", Assert.Single(status!.Details!.Causes!).Field);
    }

    [Fact]
    public async Task Dead_letter_paths_answer_statuses_for_a_missing_subscription_bad_ids_and_unknown_ids()
    {
        var (missing, notFound, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{Webhooks.Path}/nobody/deadletters");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("webhooksubscriptions \"nobody\" not found", notFound!.Message);

        await api.CreateSubscriptionAsync(Webhooks.Subscription("letters", new Uri("https://example.com/"), "default"));
        var unknown = Guid.NewGuid().ToString();
        var (code, invalid, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, $"{Webhooks.Path}/letters/redeliver",
            new WebhookRedelivery { DeliveryIds = ["not-a-uuid", unknown] });
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal(["deliveryIds[0]"], invalid!.Details!.Causes!.Select(c => c.Field));

        (code, invalid, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, $"{Webhooks.Path}/letters/redeliver",
            new WebhookRedelivery { DeliveryIds = [unknown] });
        Assert.Equal((HttpStatusCode)422, code);
        var cause = Assert.Single(invalid!.Details!.Causes!);
        Assert.Equal(("deliveryIds[0]", FieldErrorNotFound), (cause.Field, cause.Reason));

        var (limitCode, limit, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{Webhooks.Path}/letters/deadletters?limit=many");
        Assert.Equal((HttpStatusCode.BadRequest, "limit"), (limitCode, limit!.Details!.Causes![0].Field));
        var (continueCode, badContinue, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{Webhooks.Path}/letters/deadletters?continue=%25%25");
        Assert.Equal((HttpStatusCode.BadRequest, "continue"), (continueCode, badContinue!.Details!.Causes![0].Field));
    }

    private const string FieldErrorNotFound = Contracts.Validation.FieldError.NotFoundType;

    [Fact]
    public async Task Dead_letters_are_listed_in_event_order_in_pages_and_redelivered_all_at_once_without_a_body()
    {
        var ns = await api.NamespaceAsync();
        var key = Webhooks.NewKey();
        await api.KeySecretAsync(ns, "hook-key", key);
        await using var receiver = await WebhookReceiver.StartAsync(key);
        receiver.Respond = (_, _) => Task.FromResult(503);
        var name = $"pages-{ns}";
        await api.CreateSubscriptionAsync(Webhooks.Subscription(name, receiver.Url, ns, s => s with { Namespaces = [ns], MaxAttempts = 1 }));
        for (var i = 0; i < 3; i++) await api.ConfigMapAsync(ns, $"cm-{i}");
        await Eventually.WaitFor(() => api.DeadLettersAsync(name), l => l.Items.Count == 3, "three dead letters");

        var names = new List<string>();
        var path = $"{Webhooks.Path}/{name}/deadletters?limit=2";
        var (_, page, _) = await api.Client.SendAsync<WebhookDeadLetterList>(HttpMethod.Get, path);
        names.AddRange(page!.Items.Select(i => i.Object.Name));
        Assert.NotNull(page.Metadata.Continue);
        (_, page, _) = await api.Client.SendAsync<WebhookDeadLetterList>(HttpMethod.Get, $"{path}&continue={page!.Metadata.Continue}");
        names.AddRange(page!.Items.Select(i => i.Object.Name));
        Assert.Null(page.Metadata.Continue);
        Assert.Equal(["cm-0", "cm-1", "cm-2"], names);
        Assert.All((await api.DeadLettersAsync(name)).Items, i => Assert.Equal((1, 503), (i.Attempts, i.LastStatusCode)));

        receiver.Respond = (_, _) => Task.FromResult(204);
        var response = await api.Client.PostAsync($"{Webhooks.Path}/{name}/redeliver", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(3, answer["status"]!["redelivered"]!.AsArray().Count);

        var accepted = await Eventually.WaitFor(() => Task.FromResult(receiver.Accepted), a => a.Count == 3, "the three redelivered");
        Assert.Equal(["cm-0", "cm-1", "cm-2"], accepted.Select(a => a.ObjectName));
    }
}
