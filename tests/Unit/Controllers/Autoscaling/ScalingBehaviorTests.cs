using EventOrch.Contracts.Model;
using EventOrch.Controllers.Autoscaling;

namespace EventOrch.Tests.Unit.Controllers.Autoscaling;

public sealed class ScalingBehaviorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DefaultDownWindow = TimeSpan.FromMinutes(5);

    private static HorizontalPodAutoscalerSpec Spec(int min, int max, HorizontalPodAutoscalerBehavior? behavior = null) =>
        new() { MinReplicas = min, MaxReplicas = max, Behavior = behavior };

    private static HpaScalingRules Rules(int window, string policyType = ScalingPolicyTypes.Percent, int value = 100, int period = 15, string? select = null) =>
        new() { StabilizationWindowSeconds = window, SelectPolicy = select, Policies = [new() { Type = policyType, Value = value, PeriodSeconds = period }] };

    [Fact]
    public void By_default_a_scale_up_goes_at_most_to_double_or_four_more_whichever_is_larger()
    {
        var result = ScalingBehavior.Normalize(new ScalingHistory(), Spec(1, 50), DefaultDownWindow, currentReplicas: 2, desired: 20, T0);

        Assert.Equal((6, true, "ScaleUpLimit"), (result.Replicas, result.Limited, result.LimitReason));
    }

    [Fact]
    public void A_scale_up_stops_at_max_replicas_and_says_so()
    {
        var result = ScalingBehavior.Normalize(new ScalingHistory(), Spec(1, 5), DefaultDownWindow, currentReplicas: 2, desired: 20, T0);

        Assert.Equal((5, HpaConditions.TooManyReplicas), (result.Replicas, result.LimitReason));
    }

    [Fact]
    public void A_scale_down_waits_for_the_highest_recommendation_of_its_window_and_then_goes_down_to_min_replicas()
    {
        var history = new ScalingHistory();
        var spec = Spec(2, 10, new HorizontalPodAutoscalerBehavior { ScaleDown = Rules(60) });

        var first = ScalingBehavior.Normalize(history, spec, DefaultDownWindow, 10, 10, T0);
        var held = ScalingBehavior.Normalize(history, spec, DefaultDownWindow, 10, 1, T0.AddSeconds(10));
        var released = ScalingBehavior.Normalize(history, spec, DefaultDownWindow, 10, 1, T0.AddSeconds(61));

        Assert.Equal(10, first.Replicas);
        Assert.Equal((10, HpaConditions.ScaleDownStabilized), (held.Replicas, held.StabilizationReason));
        Assert.Equal((2, HpaConditions.TooFewReplicas), (released.Replicas, released.LimitReason));
    }

    [Fact]
    public void A_pods_policy_allows_that_many_fewer_pods_per_period_counting_the_scalings_already_made_in_it()
    {
        var history = new ScalingHistory();
        var spec = Spec(1, 10, new HorizontalPodAutoscalerBehavior { ScaleDown = Rules(0, ScalingPolicyTypes.Pods, 1, 60) });

        var first = ScalingBehavior.Normalize(history, spec, DefaultDownWindow, 5, 1, T0);
        history.RecordScale(5, first.Replicas, T0);
        var within = ScalingBehavior.Normalize(history, spec, DefaultDownWindow, 4, 1, T0.AddSeconds(30));
        var next = ScalingBehavior.Normalize(history, spec, DefaultDownWindow, 4, 1, T0.AddSeconds(61));

        Assert.Equal((4, "ScaleDownLimit"), (first.Replicas, first.LimitReason));
        Assert.Equal(4, within.Replicas);
        Assert.Equal(3, next.Replicas);
    }

    [Fact]
    public void A_disabled_direction_never_scales()
    {
        var spec = Spec(1, 10, new HorizontalPodAutoscalerBehavior { ScaleDown = Rules(0, select: ScalingPolicySelects.Disabled) });

        var result = ScalingBehavior.Normalize(new ScalingHistory(), spec, DefaultDownWindow, 6, 1, T0);

        Assert.Equal(6, result.Replicas);
    }

    [Fact]
    public void Select_policy_min_takes_the_policy_allowing_the_smaller_change()
    {
        var up = new HpaScalingRules
        {
            SelectPolicy = ScalingPolicySelects.Min,
            Policies = [new() { Type = ScalingPolicyTypes.Pods, Value = 1, PeriodSeconds = 15 }, new() { Type = ScalingPolicyTypes.Percent, Value = 100, PeriodSeconds = 15 }],
        };

        var result = ScalingBehavior.Normalize(new ScalingHistory(), Spec(1, 20, new HorizontalPodAutoscalerBehavior { ScaleUp = up }), DefaultDownWindow, 4, 10, T0);

        Assert.Equal(5, result.Replicas);
    }

    [Fact]
    public void Rules_the_behavior_leaves_out_come_from_the_defaults()
    {
        var (up, down) = ScalingBehavior.RulesOf(new HorizontalPodAutoscalerBehavior { ScaleDown = new HpaScalingRules { StabilizationWindowSeconds = 30 } }, DefaultDownWindow);

        Assert.Equal(0, up.StabilizationWindowSeconds);
        Assert.Equal((30, ScalingPolicySelects.Max, 1), (down.StabilizationWindowSeconds, down.SelectPolicy, down.Policies!.Count));
    }
}
