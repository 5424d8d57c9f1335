using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>The eviction subresource, and the requests <c>kubectl drain</c> makes, each answered as Kubernetes answers.</summary>
public sealed class EvictionTests(ApiServer api) : IClassFixture<ApiServer>
{
    private static string EvictionPath(string pod, string @namespace = "default") => $"{ObjectClient.PodsPath(@namespace)}/{pod}/eviction";

    // The body kubectl drain sends (policy/v1, or policy/v1beta1 on older servers).
    private static string EvictionBody(string pod, string deleteOptions = "{}", string apiVersion = "policy/v1") =>
        $$"""{"kind":"Eviction","apiVersion":"{{apiVersion}}","metadata":{"name":"{{pod}}","namespace":"default","creationTimestamp":null},"deleteOptions":{{deleteOptions}}}""";

    private Task<(HttpStatusCode Code, Status? Body, HttpResponseMessage Response)> EvictAsync(string pod, string body) =>
        api.Client.SendAsync<Status>(HttpMethod.Post, EvictionPath(pod), body);

    private async Task<Pod> CreateBoundPodAsync(string name, string node)
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod(name));
        var (code, _, response) = await api.Client.SendAsync<Status>(HttpMethod.Post, $"{ObjectClient.PodsPath()}/{name}/binding",
            new Binding { Metadata = new ObjectMeta { Name = name }, Target = new ObjectReference { Kind = "Node", Name = node } });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var (_, pod, _) = await api.Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/{name}");
        return pod!;
    }

    [Fact]
    public async Task Evicting_an_unscheduled_pod_deletes_it_and_answers_201_success()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("evict-pending"));

        var (code, status, _) = await EvictAsync("evict-pending", EvictionBody("evict-pending"));
        var (getCode, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/evict-pending");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(("Success", 201, "Status"), (status!.Outcome, status.Code, status.Kind));
        Assert.Equal(HttpStatusCode.NotFound, getCode);
    }

    [Fact]
    public async Task Evicting_a_pod_on_a_node_starts_its_graceful_deletion_with_the_evictions_grace_period()
    {
        await api.Client.RegisterAsync(TestNodes.New("evict-node"));
        await CreateBoundPodAsync("evict-bound", "evict-node");
        await CreateBoundPodAsync("evict-default-grace", "evict-node");

        var (code, _, _) = await EvictAsync("evict-bound", EvictionBody("evict-bound", """{"gracePeriodSeconds":5}"""));
        var (defaultCode, _, _) = await EvictAsync("evict-default-grace", EvictionBody("evict-default-grace"));
        var (_, terminating, _) = await api.Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/evict-bound");
        var (_, defaulted, _) = await api.Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/evict-default-grace");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (code, defaultCode));
        Assert.Equal(5, terminating!.Metadata.DeletionGracePeriodSeconds);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.Equal(30, defaulted!.Metadata.DeletionGracePeriodSeconds);
    }

    [Fact]
    public async Task Evicting_a_pod_already_being_deleted_succeeds_and_changes_nothing()
    {
        await api.Client.RegisterAsync(TestNodes.New("evict-twice-node"));
        await CreateBoundPodAsync("evict-twice", "evict-twice-node");
        await EvictAsync("evict-twice", EvictionBody("evict-twice"));
        var before = await api.EventCountAsync();

        var (code, _, _) = await EvictAsync("evict-twice", EvictionBody("evict-twice", """{"gracePeriodSeconds":1}"""));

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_policy_v1beta1_eviction_is_accepted()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("evict-beta"));

        var (code, _, _) = await EvictAsync("evict-beta", EvictionBody("evict-beta", apiVersion: "policy/v1beta1"));

        Assert.Equal(HttpStatusCode.Created, code);
    }

    [Fact]
    public async Task Evicting_a_pod_that_does_not_exist_is_not_found()
    {
        var (code, status, _) = await EvictAsync("evict-nobody", EvictionBody("evict-nobody"));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("pods \"evict-nobody\" not found", status!.Message);
    }

    [Theory]
    [InlineData("evict-misnamed", """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"someone-else"}}""", 400, "name in URL does not match name in Eviction object")]
    [InlineData("evict-elsewhere", """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"evict-refused","namespace":"kube-system"}}""", 400, "does not match the namespace")]
    [InlineData("evict-v1", """{"apiVersion":"v1","kind":"Eviction","metadata":{"name":"evict-refused"}}""", 400, "does not match the expected API version (policy/v1 or policy/v1beta1)")]
    [InlineData("evict-kind", """{"apiVersion":"policy/v1","kind":"Pod","metadata":{"name":"evict-refused"}}""", 400, "the kind in the data (Pod) does not match the expected kind (Eviction)")]
    [InlineData("evict-dryrun", """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"evict-refused"},"deleteOptions":{"dryRun":["All"]}}""", 400, "dryRun is not supported")]
    [InlineData("evict-negative", """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"evict-refused"},"deleteOptions":{"gracePeriodSeconds":-3}}""", 400, "gracePeriodSeconds must be a non-negative integer")]
    [InlineData("evict-policy", """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"evict-refused"},"deleteOptions":{"propagationPolicy":"Sometimes"}}""", 400, "supported values: \"Background\", \"Foreground\", \"Orphan\"")]
    [InlineData("evict-uid", """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"evict-refused"},"deleteOptions":{"preconditions":{"uid":"not-its-uid"}}}""", 409, "Precondition failed: UID in precondition: not-its-uid")]
    public async Task A_bad_eviction_is_refused_with_a_status_and_leaves_the_pod(string pod, string body, int expected, string message)
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod(pod));
        body = body.Replace("evict-refused", pod, StringComparison.Ordinal);
        var before = await api.EventCountAsync();

        var (code, status, _) = await EvictAsync(pod, body);

        Assert.Equal((HttpStatusCode)expected, code);
        Assert.Contains(message, status!.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task An_unknown_field_in_an_eviction_is_refused_when_strict()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("evict-strict"));

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, EvictionPath("evict-strict") + "?fieldValidation=Strict",
            """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"evict-strict"},"deleteOptions":{"gracePeriod":5}}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("unknown field \"deleteOptions.gracePeriod\"", status!.Message);
    }

    [Fact]
    public async Task Draining_a_node_as_kubectl_does_cordons_it_and_evicts_its_pods_until_they_are_gone()
    {
        await api.Client.RegisterAsync(TestNodes.New("drained"));
        var pods = new[] { await CreateBoundPodAsync("drain-a", "drained"), await CreateBoundPodAsync("drain-b", "drained") };
        await api.Client.CreatePodAsync(ObjectClient.NewPod("drain-elsewhere"));

        // kubectl drain drained --ignore-daemonsets --force: cordon, list the node's pods, evict each...
        var (cordonCode, cordoned, _) = await api.Client.SendAsync<Node>(HttpMethod.Patch, "/api/v1/nodes/drained",
            """{"spec":{"unschedulable":true}}""", "application/strategic-merge-patch+json");
        var onNode = await api.Client.ListPodsAsync(null, "?fieldSelector=spec.nodeName%3Ddrained&limit=500");
        foreach (var pod in onNode.Items)
        {
            var (code, _, response) = await EvictAsync(pod.Metadata.Name!, EvictionBody(pod.Metadata.Name!));
            Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        // ...the node agent finishes each graceful deletion (here by hand, as the agent does: a zero grace period)...
        foreach (var pod in onNode.Items)
            await api.Client.SendAsync<JsonObject>(HttpMethod.Delete, $"{ObjectClient.PodsPath()}/{pod.Metadata.Name}?gracePeriodSeconds=0");
        // ...and kubectl polls each pod until it is gone (404) or replaced (another uid).
        foreach (var pod in pods)
        {
            await Eventually.WaitFor(async () => await api.Client.SendAsync<JsonObject>(HttpMethod.Get, $"{ObjectClient.PodsPath()}/{pod.Metadata.Name}"),
                r => r.Code == HttpStatusCode.NotFound || r.Body?["metadata"]?["uid"]?.ToString() != pod.Metadata.Uid, $"{pod.Metadata.Name} to be gone");
        }

        Assert.Equal(HttpStatusCode.OK, cordonCode);
        Assert.True(cordoned!.Spec.Unschedulable);
        Assert.Equal(["drain-a", "drain-b"], onNode.Items.Select(p => p.Metadata.Name).Order());
        Assert.Empty((await api.Client.ListPodsAsync(null, "?fieldSelector=spec.nodeName%3Ddrained")).Items);
        Assert.Single((await api.Client.ListPodsAsync()).Items, p => p.Metadata.Name == "drain-elsewhere");
    }
}
