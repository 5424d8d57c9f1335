using EventOrch.Cli.Audit;
using EventOrch.Contracts.Model.Audit;
using Xunit;

namespace EventOrch.Tests.Unit.Cli;

public sealed class RefusalTextTests
{
    [Fact]
    public void Each_refusal_is_one_row_naming_the_resource_as_the_authorizer_saw_it_and_the_reason_last()
    {
        var time = DateTimeOffset.Parse("2026-11-25T14:48:37Z");
        var lines = RefusalText.Lines(
        [
            new Refusal
            {
                Time = time, Code = 403, User = "alice", Verb = "get", ApiGroup = "", Resource = "pods", Subresource = "log",
                Namespace = "team-b", Name = "web", RequestId = "049b439f-0000", Message = "pods \"web\" is forbidden",
            },
            new Refusal
            {
                Time = time, Code = 403, User = "alice", Verb = "create", ApiGroup = "rbac.authorization.k8s.io", Resource = "rolebindings",
                Namespace = "team-a", Message = "is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"*\"]}",
            },
            new Refusal { Time = time, Code = 401, User = "system:anonymous", Verb = "get", Path = "/api/v1/nodes", Reason = "Unauthorized" },
        ]).ToList();

        Assert.Equal(4, lines.Count);
        Assert.Contains("pods/log team-b/web", lines[1]);
        Assert.EndsWith("pods \"web\" is forbidden", lines[1].TrimEnd());
        Assert.Contains("rolebindings.rbac.authorization.k8s.io -n team-a", lines[2]);
        Assert.EndsWith("not currently held: {APIGroups:[\"*\"]}", lines[2].TrimEnd());
        Assert.Contains("/api/v1/nodes", lines[3]);
        Assert.EndsWith("Unauthorized", lines[3].TrimEnd());
    }
}
