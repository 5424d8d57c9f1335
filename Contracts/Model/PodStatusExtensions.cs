namespace EventOrch.Contracts.Model;

/// <summary>Reading and setting pod conditions as Kubernetes does: one condition per type.</summary>
public static class PodStatusExtensions
{
    public static PodCondition? Condition(this PodStatus? status, string type) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>The status with <paramref name="condition"/> replacing any condition of its type; the
    /// transition time is kept when the condition's status did not change.</summary>
    public static PodStatus WithCondition(this PodStatus status, PodCondition condition)
    {
        var existing = status.Condition(condition.Type);
        if (existing is not null && existing.Status == condition.Status)
            condition = condition with { LastTransitionTime = existing.LastTransitionTime ?? condition.LastTransitionTime };
        var conditions = (status.Conditions ?? []).Where(c => c.Type != condition.Type).Append(condition).ToList();
        return status with { Conditions = conditions };
    }

    public static bool IsReady(this Pod pod) => pod.Status.Condition(PodConditions.Ready)?.Status == ConditionStatuses.True;
}
