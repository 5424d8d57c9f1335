using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Autoscaling;

/// <summary>What an autoscaler remembers between evaluations (in memory, as Kubernetes' does): its recent
/// recommendations, for the stabilisation windows, and its recent scalings, for the rate policies.</summary>
public sealed class ScalingHistory
{
    internal readonly List<(DateTimeOffset At, int Replicas)> Recommendations = [];
    internal readonly List<(DateTimeOffset At, int Change)> ScaleUps = [];
    internal readonly List<(DateTimeOffset At, int Change)> ScaleDowns = [];

    public void RecordScale(int from, int to, DateTimeOffset at)
    {
        if (to > from) ScaleUps.Add((at, to - from));
        else if (to < from) ScaleDowns.Add((at, from - to));
    }
}

/// <summary>The count an autoscaler settles on after its behavior: the reason and message go into its conditions
/// (AbleToScale for the stabilisation, ScalingLimited for the limits).</summary>
public sealed record NormalizedReplicas(int Replicas, string StabilizationReason, string StabilizationMessage, bool Limited,
    string LimitReason, string LimitMessage);

/// <summary>Kubernetes' behavior rules: a recommendation is held against the recent ones (a scale down waits for the
/// highest of its window, a scale up for the lowest of its), then limited by the policies' rates per period and by
/// min and max replicas.</summary>
public static class ScalingBehavior
{
    public static HpaScalingRules DefaultScaleUp { get; } = new()
    {
        StabilizationWindowSeconds = 0,
        SelectPolicy = ScalingPolicySelects.Max,
        Policies = [new() { Type = ScalingPolicyTypes.Pods, Value = 4, PeriodSeconds = 15 }, new() { Type = ScalingPolicyTypes.Percent, Value = 100, PeriodSeconds = 15 }],
    };

    public static HpaScalingRules DefaultScaleDown(TimeSpan window) => new()
    {
        StabilizationWindowSeconds = (int)window.TotalSeconds,
        SelectPolicy = ScalingPolicySelects.Max,
        Policies = [new() { Type = ScalingPolicyTypes.Percent, Value = 100, PeriodSeconds = 15 }],
    };

    /// <summary>The rules in force for each direction: the autoscaler's own, with what it leaves out taken from the defaults.</summary>
    public static (HpaScalingRules Up, HpaScalingRules Down) RulesOf(HorizontalPodAutoscalerBehavior? behavior, TimeSpan downscaleStabilization)
    {
        var down = DefaultScaleDown(downscaleStabilization);
        return (Fill(behavior?.ScaleUp, DefaultScaleUp), Fill(behavior?.ScaleDown, down));

        static HpaScalingRules Fill(HpaScalingRules? rules, HpaScalingRules defaults) => rules is null ? defaults : new HpaScalingRules
        {
            StabilizationWindowSeconds = rules.StabilizationWindowSeconds ?? defaults.StabilizationWindowSeconds,
            SelectPolicy = rules.SelectPolicy ?? defaults.SelectPolicy,
            Policies = rules.Policies is { Count: > 0 } policies ? policies : defaults.Policies,
        };
    }

    public static NormalizedReplicas Normalize(ScalingHistory history, HorizontalPodAutoscalerSpec spec, TimeSpan downscaleStabilization,
        int currentReplicas, int desired, DateTimeOffset now)
    {
        var (up, down) = RulesOf(spec.Behavior, downscaleStabilization);
        var longest = TimeSpan.FromSeconds(Math.Max(Math.Max(up.StabilizationWindowSeconds ?? 0, down.StabilizationWindowSeconds ?? 0),
            Math.Max(LongestPeriod(up), LongestPeriod(down))));
        Forget(history, now - longest);

        var stabilized = Stabilize(history, up, down, currentReplicas, desired, now);
        var (stabilizationReason, stabilizationMessage) = stabilized == desired
            ? (HpaConditions.ReadyForNewScale, "recommended size matches current size")
            : stabilized < desired
                ? (HpaConditions.ScaleUpStabilized, "recent recommendations were lower than current one, applying the lowest recent recommendation")
                : (HpaConditions.ScaleDownStabilized, "recent recommendations were higher than current one, applying the highest recent recommendation");

        var (replicas, limited, limitReason, limitMessage) = Limit(history, up, down, spec.MinReplicas ?? 1, spec.MaxReplicas, currentReplicas, stabilized, now);
        return new NormalizedReplicas(replicas, stabilizationReason, stabilizationMessage, limited, limitReason, limitMessage);
    }

    private static int Stabilize(ScalingHistory history, HpaScalingRules up, HpaScalingRules down, int current, int desired, DateTimeOffset now)
    {
        int lowest = desired, highest = desired;
        var upCutoff = now - TimeSpan.FromSeconds(up.StabilizationWindowSeconds ?? 0);
        var downCutoff = now - TimeSpan.FromSeconds(down.StabilizationWindowSeconds ?? 0);
        foreach (var (at, replicas) in history.Recommendations)
        {
            if (at > upCutoff) lowest = Math.Min(lowest, replicas);
            if (at > downCutoff) highest = Math.Max(highest, replicas);
        }
        history.Recommendations.Add((now, desired));
        // Up only as far as every recent recommendation agrees, down only as far as every recent one allows.
        var result = current;
        if (result < lowest) result = lowest;
        if (result > highest) result = highest;
        return result;
    }

    private static (int Replicas, bool Limited, string Reason, string Message) Limit(ScalingHistory history, HpaScalingRules up,
        HpaScalingRules down, int minReplicas, int maxReplicas, int current, int desired, DateTimeOffset now)
    {
        if (desired > current)
        {
            var rate = Math.Max(current, ScaleUpLimit(history, up, current, now));
            var (allowed, reason, message) = maxReplicas > rate
                ? (rate, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
                : (maxReplicas, HpaConditions.TooManyReplicas, "the desired replica count is more than the maximum replica count");
            if (desired > allowed) return (allowed, true, reason, message);
        }
        else if (desired < current)
        {
            var rate = Math.Min(current, ScaleDownLimit(history, down, current, now));
            var (allowed, reason, message) = minReplicas < rate
                ? (rate, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate")
                : (minReplicas, HpaConditions.TooFewReplicas, "the desired replica count is less than the minimum replica count");
            if (desired < allowed) return (allowed, true, reason, message);
        }
        return (desired, false, HpaConditions.DesiredWithinRange, "the desired count is within the acceptable range");
    }

    // The most replicas the policies allow now: each policy from the count at the start of its period (what was
    // added within it taken back), combined by the select policy.
    private static int ScaleUpLimit(ScalingHistory history, HpaScalingRules rules, int current, DateTimeOffset now)
    {
        if (rules.SelectPolicy == ScalingPolicySelects.Disabled) return current;
        var min = rules.SelectPolicy == ScalingPolicySelects.Min;
        var result = min ? int.MaxValue : int.MinValue;
        foreach (var policy in rules.Policies ?? [])
        {
            var start = current - ChangedWithin(history.ScaleUps, policy, now) + ChangedWithin(history.ScaleDowns, policy, now);
            var proposed = policy.Type == ScalingPolicyTypes.Pods ? start + policy.Value : (int)Math.Ceiling(start * (1 + policy.Value / 100m));
            result = min ? Math.Min(result, proposed) : Math.Max(result, proposed);
        }
        return result;
    }

    private static int ScaleDownLimit(ScalingHistory history, HpaScalingRules rules, int current, DateTimeOffset now)
    {
        if (rules.SelectPolicy == ScalingPolicySelects.Disabled) return current;
        var min = rules.SelectPolicy == ScalingPolicySelects.Min;
        var result = min ? int.MinValue : int.MaxValue;
        foreach (var policy in rules.Policies ?? [])
        {
            var start = current - ChangedWithin(history.ScaleUps, policy, now) + ChangedWithin(history.ScaleDowns, policy, now);
            var proposed = policy.Type == ScalingPolicyTypes.Pods ? start - policy.Value : (int)(start * (1 - policy.Value / 100m));
            // "Min" picks the policy that allows the smallest change: the highest floor.
            result = min ? Math.Max(result, proposed) : Math.Min(result, proposed);
        }
        return result;
    }

    private static int ChangedWithin(List<(DateTimeOffset At, int Change)> changes, HpaScalingPolicy policy, DateTimeOffset now)
    {
        var cutoff = now - TimeSpan.FromSeconds(policy.PeriodSeconds);
        return changes.Where(c => c.At > cutoff).Sum(c => c.Change);
    }

    private static int LongestPeriod(HpaScalingRules rules) => rules.Policies?.Select(p => p.PeriodSeconds).DefaultIfEmpty(0).Max() ?? 0;

    private static void Forget(ScalingHistory history, DateTimeOffset before)
    {
        history.Recommendations.RemoveAll(r => r.At <= before);
        history.ScaleUps.RemoveAll(r => r.At <= before);
        history.ScaleDowns.RemoveAll(r => r.At <= before);
    }
}
