using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Marten;

namespace EventOrch.Tests.Integration.Controllers;

/// <summary>The serviceaccounts controller in the real Controllers host against a real Api: every namespace keeps a
/// <c>default</c> ServiceAccount; one that is deleted comes back (as a new object), made by the controllers.</summary>
public sealed class ServiceAccountsControllerTests(ControllersFixture cluster) : IClassFixture<ControllersFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private async Task<ServiceAccount?> AccountAsync(string ns, string name)
    {
        var (code, account, _) = await cluster.Client.SendAsync<ServiceAccount>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/serviceaccounts/{name}");
        return code == HttpStatusCode.OK ? account : null;
    }

    [Fact]
    public async Task A_deleted_default_service_account_is_made_again_by_the_controller()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("sactl");
        var first = await Eventually.WaitFor(() => AccountAsync(ns, "default"), a => a is not null, "the default account", Deadline);

        var (code, _, _) = await cluster.Client.SendAsync<Status>(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/serviceaccounts/default");
        Assert.Equal(HttpStatusCode.OK, code);

        var again = await Eventually.WaitFor(() => AccountAsync(ns, "default"), a => a is not null && a.Metadata.Uid != first!.Metadata.Uid,
            "the controller to make the default account again", Deadline);
        await using var session = cluster.Store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(Guid.Parse(again!.Metadata.Uid!));
        Assert.Equal(ApiServer.ComponentUser, stream[0].UserName);
    }

    [Fact]
    public async Task Another_deleted_service_account_stays_deleted()
    {
        var ns = await cluster.Client.CreateNamespaceAsync("sactl");
        await cluster.Client.SendAsync<ServiceAccount>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/serviceaccounts",
            new ServiceAccount { Metadata = new ObjectMeta { Name = "robot" } });
        await cluster.Client.SendAsync<Status>(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/serviceaccounts/robot");
        // The default account, deleted after robot, comes back: once it has, the controller has seen robot's delete too.
        await cluster.Client.SendAsync<Status>(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/serviceaccounts/default");
        await Eventually.WaitFor(() => AccountAsync(ns, "default"), a => a is not null, "the default account again", Deadline);
        Assert.Null(await AccountAsync(ns, "robot"));
    }
}
