using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using static EventOrch.Contracts.KubeEvents.EventReferences;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>The horizontal pod autoscaler's Events, read from its status writes: SuccessfulRescale when it scaled its
/// target (a new <c>lastScaleTime</c>), and a Warning named by the condition's reason when it became unable to scale
/// or to compute a count (AbleToScale or ScalingActive turning False, or failing for another reason). Kubernetes
/// repeats the warnings every sync; here each is reported once, when it starts.</summary>
internal static class AutoscalerEventRules
{
    public static IEnumerable<EventDraft> For(RecordedEvent e, HorizontalPodAutoscaler? before)
    {
        if (e.Data is not HorizontalPodAutoscalerStatusChanged changed || before is null || !e.ByComponent) yield break;
        var hpa = before with { Status = changed.Status };
        var status = changed.Status;
        if (status.LastScaleTime is { } scaled && scaled != before.Status?.LastScaleTime
            && Condition(status, HpaConditions.AbleToScale) is { Reason: HpaConditions.SucceededRescale } rescaled)
        {
            var at = rescaled.Message?.IndexOf(HpaConditions.ReasonSeparator, StringComparison.Ordinal) ?? -1;
            var reason = at >= 0 ? rescaled.Message![(at + HpaConditions.ReasonSeparator.Length)..] : "";
            yield return EventDraft.Normal(To(hpa, e), EventReasons.SuccessfulRescale,
                reason.Length > 0 ? $"New size: {status.DesiredReplicas}; reason: {reason}" : $"New size: {status.DesiredReplicas}",
                EventComponents.HorizontalPodAutoscaler);
        }
        foreach (var type in (string[])[HpaConditions.AbleToScale, HpaConditions.ScalingActive])
        {
            if (Condition(status, type) is not { Status: ConditionStatuses.False } now || now.Reason == HpaConditions.ScalingDisabled) continue;
            var was = Condition(before.Status, type);
            if (was?.Status == ConditionStatuses.False && was.Reason == now.Reason) continue;
            yield return EventDraft.Warning(To(hpa, e), now.Reason ?? type, now.Message ?? "", EventComponents.HorizontalPodAutoscaler);
        }
    }

    private static HorizontalPodAutoscalerCondition? Condition(HorizontalPodAutoscalerStatus? status, string type) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == type);
}
