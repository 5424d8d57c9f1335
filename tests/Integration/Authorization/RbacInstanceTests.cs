using System.Diagnostics;
using System.Net;
using EventOrch.Contracts.Events;
using EventOrch.Tests.Support;
using Xunit.Abstractions;

namespace EventOrch.Tests.Integration.Authorization;

/// <summary>Two Api instances on one store: the second's start leaves the bootstrap policy as it is, and a binding
/// written through one is enforced by the other as soon as its watch cache has followed the commit.</summary>
public sealed class RbacInstanceTests(RbacApiServer api, ITestOutputHelper output) : IClassFixture<RbacApiServer>
{
    [Fact]
    public async Task A_second_instance_reconciles_nothing_and_follows_the_firsts_bindings()
    {
        var rolesBefore = await api.EventCountAsync<ClusterRoleCreated>();
        var changesBefore = await api.EventCountAsync<ClusterRoleRulesChanged>() + await api.EventCountAsync<ClusterRoleBindingSubjectsChanged>();
        var second = await api.StartHostAsync(new Dictionary<string, string?>());
        try
        {
            await FollowsAsync(second);
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
        Assert.Equal(rolesBefore, await api.EventCountAsync<ClusterRoleCreated>());
        Assert.Equal(changesBefore, await api.EventCountAsync<ClusterRoleRulesChanged>() + await api.EventCountAsync<ClusterRoleBindingSubjectsChanged>());
    }

    private async Task FollowsAsync(Microsoft.AspNetCore.Builder.WebApplication second)
    {
        using var carolThere = new HttpClient { BaseAddress = new Uri(second.Urls.First()) };
        carolThere.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", api.TokenOf("carol"));
        var path = $"/api/v1/namespaces/{RbacApiServer.TeamB}/services";
        var (before, _, _) = await carolThere.SendAsync<object>(HttpMethod.Get, path);

        var clock = Stopwatch.StartNew();
        await api.BindRoleAsync(RbacApiServer.TeamB, "carol-view-there", "ClusterRole", "view", "carol");
        await Eventually.WaitFor(async () => (await carolThere.SendAsync<object>(HttpMethod.Get, path)).Code, c => c == HttpStatusCode.OK,
            "the other instance to allow what the binding grants", TimeSpan.FromSeconds(5));
        output.WriteLine($"the second instance enforced the binding {clock.Elapsed.TotalMilliseconds:F0} ms after it was sent to the first (the write, its commit and the polling included)");

        Assert.Equal(HttpStatusCode.Forbidden, before);
    }
}
