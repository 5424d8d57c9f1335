using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Authorization;

/// <summary>A real Api (kubectl can reach it) with two tenants: alice may edit team-a, bob may edit team-b, through
/// RoleBindings of the default edit ClusterRole.</summary>
public sealed class RbacApiServer : KubectlApiServer
{
    public const string Alice = "alice";
    public const string Bob = "bob";
    public const string TeamA = "team-a";
    public const string TeamB = "team-b";

    protected override IReadOnlyList<string> MoreUsers => [Alice, Bob, "carol"];

    public HttpClient ClientAs(string user) => CreateClient(TokenOf(user));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var ns in (string[])[TeamA, TeamB])
            await Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        await BindRoleAsync(TeamA, "alice-edit", "ClusterRole", "edit", Alice);
        await BindRoleAsync(TeamB, "bob-edit", "ClusterRole", "edit", Bob);
    }
}
