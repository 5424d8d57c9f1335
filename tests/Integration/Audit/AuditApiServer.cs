using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Audit;

/// <summary>A real Api whose token file also holds a scheduler's and a node agent's service account and a person, so
/// a test can write as each of them.</summary>
public class AuditApiServer : ApiServer
{
    public const string Scheduler = "system:serviceaccount:kube-system:scheduler";
    public const string NodeAgent = "system:serviceaccount:kube-system:node-agent";
    public const string OpsAdmin = "ops-admin";

    protected override IReadOnlyList<string> MoreUsers => [Scheduler, NodeAgent, OpsAdmin];

    /// <summary>A client writing as <paramref name="user"/>, one of <see cref="MoreUsers"/>.</summary>
    public HttpClient ClientAs(string user) => CreateClient(TokenOf(user));
}
