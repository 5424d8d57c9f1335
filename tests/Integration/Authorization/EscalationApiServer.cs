using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Authorization;

/// <summary>A real Api (kubectl can reach it) where dana and erin administer namespace team-c through RoleBindings of
/// the default admin ClusterRole, which lets them write Roles and RoleBindings there; grace starts with nothing.</summary>
public sealed class EscalationApiServer : KubectlApiServer
{
    public const string Dana = "dana";
    public const string Erin = "erin";
    public const string Grace = "grace";
    public const string TeamC = "team-c";

    protected override IReadOnlyList<string> MoreUsers => [Dana, Erin, Grace];

    public HttpClient ClientAs(string user) => CreateClient(TokenOf(user));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = TeamC } });
        await BindRoleAsync(TeamC, "dana-admin", "ClusterRole", "admin", Dana);
        await BindRoleAsync(TeamC, "erin-admin", "ClusterRole", "admin", Erin);
    }
}
