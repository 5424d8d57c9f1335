using EventOrch.Cli.Audit;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;

namespace EventOrch.Tests.Unit.Cli;

public sealed class CausalTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static CausalStep Step(string kind, string name, string actor, string verb, string? detail, bool byComponent, string? request = null) => new()
    {
        Object = new ObjectReference { Kind = kind, Name = name },
        Actor = actor,
        Verb = verb,
        Detail = detail,
        ByComponent = byComponent,
        Time = new DateTimeOffset(2026, 11, 24, 10, 2, 13, TimeSpan.Zero),
        CorrelationId = request,
    };

    [Fact]
    public void A_chain_to_a_users_scale_reads_as_one_sentence_ending_in_the_request()
    {
        var chain = new CausalChain
        {
            Root = CausalRoots.UserRequest,
            Steps =
            [
                Step("Pod", "web-7f9c-abcde", "replicaset-controller", "created", null, true),
                Step("ReplicaSet", "web-7f9c", "deployment-controller", "scaled", "from 1 to 3", true),
                Step("Deployment", "web", "ops-admin", "scaled", "from 1 to 3", false, "4f1e2a3b-0000-4000-8000-000000000000"),
            ],
        };

        Assert.Equal(
            "pod web-7f9c-abcde was created by replicaset-controller,\n"
            + "  because ReplicaSet web-7f9c was scaled from 1 to 3 by deployment-controller,\n"
            + "  because ops-admin scaled Deployment web from 1 to 3 at 10:02:13 UTC (request 4f1e2a3b...).\n",
            CausalText.Render(chain, Now));
    }

    [Fact]
    public void A_controllers_reason_follows_its_step()
    {
        var chain = new CausalChain
        {
            Root = CausalRoots.NoRecordedCause,
            Steps =
            [
                Step("ReplicaSet", "web-7f9c", "deployment-controller", "scaled", "from 1 to 3", true),
                Step("Deployment", "web", "controllers", "scaled", "from 1 to 3", true) with { Reason = "New size: 3; reason: pods metric requests_per_second above target" },
            ],
        };

        Assert.Equal(
            "replicaset web-7f9c was scaled from 1 to 3 by deployment-controller,\n"
            + "  because Deployment web was scaled from 1 to 3 by controllers (New size: 3; reason: pods metric requests_per_second above target);\n"
            + "  it named no event as its cause: the reason it gave is the whole of it.\n",
            CausalText.Render(chain, Now));
    }

    [Fact]
    public void A_users_own_write_is_its_own_cause_and_a_missing_cause_is_said_honestly()
    {
        var own = new CausalChain { Root = CausalRoots.UserRequest, Steps = [Step("Pod", "solo", "ops-admin", "created", null, false, "req-1")] };
        var unknown = new CausalChain { Root = CausalRoots.NoRecordedCause, Steps = [Step("Pod", "p", "controllers", "created", null, true)] };

        Assert.Equal("pod solo was created by ops-admin at 10:02:13 UTC (request req-1).\n", CausalText.Render(own, Now));
        Assert.Equal("pod p was created by controllers;\n  no cause was recorded for that (a component acting on what it listed names none).\n",
            CausalText.Render(unknown, Now));
        Assert.Contains("at 2026-11-24T10:02:13Z", CausalText.Render(own, Now.AddDays(2)));
    }
}
