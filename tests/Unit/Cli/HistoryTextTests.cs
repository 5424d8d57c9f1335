using EventOrch.Cli.Audit;
using EventOrch.Contracts.Diffing;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;

namespace EventOrch.Tests.Unit.Cli;

public sealed class HistoryTextTests
{
    [Fact]
    public void An_event_whose_writer_gave_a_reason_is_followed_by_it()
    {
        var history = new ObjectHistory
        {
            Object = new ObjectReference { Kind = "Deployment", Namespace = "shop", Name = "web", Uid = "u-1" },
            Events =
            [
                new HistoryEvent
                {
                    ResourceVersion = "12", StreamVersion = 2, Time = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
                    Type = "DeploymentSpecChanged", User = "system:serviceaccount:kube-system:controllers", EventId = "e-1",
                    Reason = "New size: 3; reason: pods metric requests_per_second above target",
                    Changes = [new FieldChange("spec.replicas", FieldChangeOp.Changed, 1, 3, false)],
                },
            ],
        };

        var text = HistoryText.Render(history, full: false);

        Assert.Contains("DeploymentSpecChanged", text);
        Assert.Contains("    because: New size: 3; reason: pods metric requests_per_second above target\n    ~ spec.replicas: 1 -> 3\n", text);
    }
}
