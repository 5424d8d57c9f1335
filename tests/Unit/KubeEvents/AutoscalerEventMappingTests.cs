using EventOrch.Contracts.Events;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using static EventOrch.Tests.Unit.KubeEvents.EventFixtures;

namespace EventOrch.Tests.Unit.KubeEvents;

public sealed class AutoscalerEventMappingTests
{
    private static readonly DateTimeOffset Scaled = new(2025, 3, 4, 5, 0, 0, TimeSpan.Zero);

    private static HorizontalPodAutoscaler Hpa(HorizontalPodAutoscalerStatus? status = null) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Uid = "uid-hpa", ResourceVersion = "40" },
        Spec = new HorizontalPodAutoscalerSpec { ScaleTargetRef = new() { Kind = "Deployment", Name = "web" }, MaxReplicas = 5 },
        Status = status,
    };

    private static HorizontalPodAutoscalerStatus Status(int desired, DateTimeOffset? lastScale, params (string Type, string Status, string Reason, string Message)[] conditions) => new()
    {
        DesiredReplicas = desired,
        LastScaleTime = lastScale,
        Conditions = conditions.Select(c => new HorizontalPodAutoscalerCondition { Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message }).ToList(),
    };

    private static IReadOnlyList<KubeEvent> Map(HorizontalPodAutoscalerStatus before, HorizontalPodAutoscalerStatus after, string user = Component) =>
        KubeEventMapper.From(Rec(new HorizontalPodAutoscalerStatusChanged("uid-hpa", "default", "web", after), user), Hpa(before), Subjects());

    [Fact]
    public void A_rescale_is_reported_on_the_autoscaler_with_the_new_size_and_the_reason()
    {
        var events = Map(Status(2, null), Status(4, Scaled,
            (HpaConditions.AbleToScale, "True", HpaConditions.SucceededRescale, "the HPA controller was able to update the target scale to 4; reason: pods metric requests_per_second above target")));

        var e = Assert.Single(events);
        Assert.Equal((EventReasons.SuccessfulRescale, "Normal", "HorizontalPodAutoscaler", "web"), (e.Reason, e.Type, e.InvolvedObject.Kind, e.InvolvedObject.Name));
        Assert.Equal("New size: 4; reason: pods metric requests_per_second above target", e.Message);
    }

    [Fact]
    public void A_failure_is_a_warning_named_by_its_reason_once_when_it_starts()
    {
        var failing = (HpaConditions.ScalingActive, "False", "FailedGetResourceMetric", "missing request for cpu in a container of Pod web-1");

        var first = Map(Status(1, null), Status(1, null, failing));
        var again = Map(Status(1, null, failing), Status(1, null, failing));

        var e = Assert.Single(first);
        Assert.Equal(("FailedGetResourceMetric", "Warning"), (e.Reason, e.Type));
        Assert.Contains("missing request for cpu", e.Message);
        Assert.Empty(again);
    }

    [Fact]
    public void A_person_writing_the_status_is_not_the_autoscalers_doing()
    {
        var events = Map(Status(2, null), Status(4, Scaled, (HpaConditions.AbleToScale, "True", HpaConditions.SucceededRescale, "...")), user: Person);

        Assert.Empty(events);
    }
}
