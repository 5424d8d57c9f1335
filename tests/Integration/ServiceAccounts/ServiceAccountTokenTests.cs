using System.Net;
using EventOrch.Contracts.Authentication;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.ServiceAccounts;

/// <summary>ServiceAccounts against a real Api: every namespace's default account, pods running as an account that
/// exists, TokenRequest tokens that authenticate as the account until it (or the bound pod) is deleted, and token-file
/// tokens that expire or are revoked.</summary>
public sealed class ServiceAccountTokenTests(ServiceAccountApiServer api) : IClassFixture<ServiceAccountApiServer>
{
    private static string Accounts(string ns) => $"/api/v1/namespaces/{ns}/serviceaccounts";

    private async Task<TokenRequest> RequestTokenAsync(string ns, string account, TokenRequestSpec? spec = null)
    {
        var (code, answer, response) = await api.Client.SendAsync<TokenRequest>(HttpMethod.Post, $"{Accounts(ns)}/{account}/token",
            new TokenRequest { Spec = spec ?? new TokenRequestSpec() });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return answer!;
    }

    private async Task<HttpStatusCode> ListPodsAsAsync(string token, string ns)
    {
        using var client = api.CreateClient(token);
        return (await client.GetAsync(ObjectClient.PodsPath(ns))).StatusCode;
    }

    [Fact]
    public async Task A_new_namespace_has_a_default_service_account_that_kubectl_lists()
    {
        var ns = await api.Client.CreateNamespaceAsync("sa");
        var (code, account, _) = await api.Client.SendAsync<ServiceAccount>(HttpMethod.Get, $"{Accounts(ns)}/default");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.NotNull(account!.Metadata.Uid);

        var table = await api.KubectlOkAsync("get", "sa", "-n", ns);
        Assert.Matches(@"NAME\s+SECRETS\s+AGE", table);
        Assert.Matches(@"default\s+0\s+", table);
    }

    [Fact]
    public async Task A_pod_without_an_account_runs_as_default_and_one_naming_a_missing_account_is_forbidden()
    {
        var ns = await api.Client.CreateNamespaceAsync("sa");
        var created = await api.Client.CreatePodAsync(ObjectClient.NewPod("plain"), ns);
        Assert.Equal("default", created.Spec.ServiceAccountName);
        Assert.Equal("default", created.Spec.ServiceAccount);

        var before = await api.EventCountAsync();
        var pod = ObjectClient.NewPod("x");
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ObjectClient.PodsPath(ns),
            pod with { Spec = pod.Spec with { ServiceAccountName = "missing" } });
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal($"pods \"x\" is forbidden: error looking up service account {ns}/missing: serviceaccount \"missing\" not found", status!.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_requested_token_authenticates_as_the_account_with_its_groups_until_the_account_is_deleted()
    {
        var ns = await api.Client.CreateNamespaceAsync("sa");
        await api.Client.SendAsync<ServiceAccount>(HttpMethod.Post, Accounts(ns), new ServiceAccount { Metadata = new ObjectMeta { Name = "robot" } });
        var answer = await RequestTokenAsync(ns, "robot");
        Assert.Equal(3600, answer.Spec.ExpirationSeconds);
        Assert.InRange(answer.Status!.ExpirationTimestamp - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));

        Assert.Equal(HttpStatusCode.OK, await ListPodsAsAsync(answer.Status.Token, ns));
        Assert.Equal(["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"],
            api.Seen.GroupsOf($"system:serviceaccount:{ns}:robot"));

        var (deleted, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Delete, $"{Accounts(ns)}/robot");
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(HttpStatusCode.Unauthorized, await ListPodsAsAsync(answer.Status.Token, ns));

        // A new account with the same name has a new uid: the old token stays refused.
        await api.Client.SendAsync<ServiceAccount>(HttpMethod.Post, Accounts(ns), new ServiceAccount { Metadata = new ObjectMeta { Name = "robot" } });
        Assert.Equal(HttpStatusCode.Unauthorized, await ListPodsAsAsync(answer.Status.Token, ns));
        Assert.Equal(HttpStatusCode.OK, await ListPodsAsAsync((await RequestTokenAsync(ns, "robot")).Status!.Token, ns));
    }

    [Fact]
    public async Task A_token_bound_to_a_pod_is_refused_once_the_pod_is_deleted()
    {
        var ns = await api.Client.CreateNamespaceAsync("sa");
        var pod = await api.Client.CreatePodAsync(ObjectClient.NewPod("bound"), ns);
        var answer = await RequestTokenAsync(ns, "default", new TokenRequestSpec
        {
            ExpirationSeconds = 600,
            BoundObjectRef = new BoundObjectReference { Kind = "Pod", ApiVersion = "v1", Name = "bound", Uid = pod.Metadata.Uid },
        });
        Assert.Equal(HttpStatusCode.OK, await ListPodsAsAsync(answer.Status!.Token, ns));

        await api.Client.DeletePodAsync("bound", ns);
        Assert.Equal(HttpStatusCode.Unauthorized, await ListPodsAsAsync(answer.Status.Token, ns));
    }

    [Fact]
    public async Task A_token_request_that_asks_too_short_a_life_or_a_pod_of_another_uid_is_refused()
    {
        var ns = await api.Client.CreateNamespaceAsync("sa");
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, $"{Accounts(ns)}/default/token",
            new TokenRequest { Spec = new TokenRequestSpec { ExpirationSeconds = 60 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes", status!.Message);

        await api.Client.CreatePodAsync(ObjectClient.NewPod("p"), ns);
        (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, $"{Accounts(ns)}/default/token", new TokenRequest
        {
            Spec = new TokenRequestSpec { BoundObjectRef = new BoundObjectReference { Kind = "Pod", Name = "p", Uid = Guid.NewGuid().ToString() } },
        });
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Contains("does not match the UID in record", status!.Message);

        (code, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, $"{Accounts(ns)}/nobody/token", new TokenRequest());
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task Kubectl_create_token_prints_a_token_that_authenticates_as_the_account()
    {
        var ns = await api.Client.CreateNamespaceAsync("sa");
        var token = (await api.KubectlOkAsync("create", "token", "default", "-n", ns, "--duration", "10m")).Trim();
        Assert.Equal(HttpStatusCode.OK, await ListPodsAsAsync(token, ns));
        Assert.NotNull(api.Seen.GroupsOf($"system:serviceaccount:{ns}:default"));
    }

    [Fact]
    public async Task A_token_file_token_is_refused_once_expired_or_revoked()
    {
        var ns = await api.Client.CreateNamespaceAsync("sa");
        var (live, expired) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var liveLine = TokenFileLine.ForHashedToken(live, "carol", "carol", ["dev"], DateTimeOffset.UtcNow.AddHours(1)).Text;
        await File.AppendAllLinesAsync(api.TokenFilePath,
            [liveLine, TokenFileLine.ForHashedToken(expired, "dave", "dave", ["dev"], DateTimeOffset.UtcNow.AddSeconds(-1)).Text]);

        Assert.Equal(HttpStatusCode.OK, await ListPodsAsAsync(live, ns));
        Assert.Equal(["dev", "system:authenticated"], api.Seen.GroupsOf("carol"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ListPodsAsAsync(expired, ns));

        var lines = await File.ReadAllLinesAsync(api.TokenFilePath);
        var temporary = api.TokenFilePath + ".new";
        await File.WriteAllLinesAsync(temporary, lines.Where(l => l != liveLine));
        File.Move(temporary, api.TokenFilePath, overwrite: true);
        Assert.Equal(HttpStatusCode.Unauthorized, await ListPodsAsAsync(live, ns));
        Assert.Equal(HttpStatusCode.OK, await ListPodsAsAsync(api.AdminToken, ns));
    }

    [Fact]
    public async Task A_service_account_is_recorded_as_events_and_changes_as_one()
    {
        var ns = await api.Client.CreateNamespaceAsync("sa");
        var before = await api.EventCountAsync<ServiceAccountChanged>();
        var (code, patched, _) = await api.Client.SendAsync<ServiceAccount>(HttpMethod.Patch, $"{Accounts(ns)}/default",
            new { automountServiceAccountToken = false }, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.False(patched!.AutomountServiceAccountToken);
        Assert.Equal(before + 1, await api.EventCountAsync<ServiceAccountChanged>());
    }
}
