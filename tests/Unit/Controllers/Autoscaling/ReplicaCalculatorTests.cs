using EventOrch.Contracts.Model;
using EventOrch.Controllers.Autoscaling;

namespace EventOrch.Tests.Unit.Controllers.Autoscaling;

public sealed class ReplicaCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly ReplicaCalculator Calculator = new(new AutoscalingOptions());

    private static Pod RunningPod(string name, string? cpuRequest = "100m", string phase = PodPhases.Running, bool ready = true) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "ns" },
        Spec = new PodSpec
        {
            Containers = [new Container { Name = "web", Image = "busybox", Resources = cpuRequest is null ? null : new ResourceRequirements { Requests = new() { ["cpu"] = cpuRequest } } }],
        },
        Status = new PodStatus
        {
            Phase = phase,
            // Started and Ready long ago: past the cpu initialisation period.
            StartTime = Now.AddMinutes(-30),
            Conditions = [new PodCondition { Type = PodConditions.Ready, Status = ready ? ConditionStatuses.True : ConditionStatuses.False, LastTransitionTime = Now.AddMinutes(-29) }],
        },
    };

    private static Dictionary<string, PodSample> Samples(params (string Pod, decimal Value)[] values) =>
        values.ToDictionary(v => v.Pod, v => new PodSample(v.Value, Now.AddSeconds(-2), TimeSpan.FromSeconds(5)));

    [Theory]
    // 2 pods at 150% of their 100m request against 50%: ceil(2 × 150 / 50) = 6.
    [InlineData(0.150, 0.150, 50, 6, 150)]
    // 104% of target is inside the 10% tolerance: no change.
    [InlineData(0.052, 0.052, 50, 2, 52)]
    // 20% against 50%: ceil(2 × 0.4) = 1.
    [InlineData(0.020, 0.020, 50, 1, 20)]
    public void Utilization_proposes_current_times_measured_over_target_rounded_up_and_nothing_within_the_tolerance(
        double a, double b, int target, int expected, int utilization)
    {
        var result = Calculator.ForUtilization(2, target, "cpu", [RunningPod("a"), RunningPod("b")], Samples(("a", (decimal)a), ("b", (decimal)b)), Now);

        Assert.Equal((expected, utilization), (result.Proposal!.Replicas, result.Proposal.Utilization));
    }

    [Fact]
    public void On_a_scale_down_a_pod_without_a_sample_counts_as_using_its_whole_request()
    {
        // 3 pods at 10%, one unmeasured taken as 100%: (30 + 100) / 400 = 32.5% of request, against 50%: ceil(4 × 0.65) = 3, not 1.
        var pods = new[] { RunningPod("a"), RunningPod("b"), RunningPod("c"), RunningPod("d") };

        var result = Calculator.ForUtilization(4, 50, "cpu", pods, Samples(("a", 0.01m), ("b", 0.01m), ("c", 0.01m)), Now);

        Assert.Equal(3, result.Proposal!.Replicas);
    }

    [Fact]
    public void On_a_scale_up_a_pending_pod_counts_as_using_nothing_and_may_cancel_the_scale()
    {
        // 2 pods at 100% against 80% would ask for 3; with the pending third at 0: 200 / 300 = 67% < 80%: no scale up.
        var pods = new[] { RunningPod("a"), RunningPod("b"), RunningPod("c", phase: PodPhases.Pending) };

        var result = Calculator.ForUtilization(3, 80, "cpu", pods, Samples(("a", 0.1m), ("b", 0.1m)), Now);

        Assert.Equal(3, result.Proposal!.Replicas);
    }

    [Fact]
    public void A_per_pod_metric_is_averaged_over_the_pods_and_compared_with_its_average_target()
    {
        var result = Calculator.ForAverageValue(2, 5m, null, [RunningPod("a"), RunningPod("b")], Samples(("a", 12m), ("b", 8m)), Now);

        Assert.Equal((4, 10m), (result.Proposal!.Replicas, result.Proposal.AverageValue));
    }

    [Fact]
    public void A_pod_whose_container_has_no_request_gives_an_error_naming_the_pod_not_a_proposal()
    {
        var result = Calculator.ForUtilization(2, 50, "cpu", [RunningPod("a"), RunningPod("b", cpuRequest: null)], Samples(("a", 0.1m), ("b", 0.1m)), Now);

        Assert.Null(result.Proposal);
        Assert.Equal("missing request for cpu in a container of Pod b", result.Error);
    }

    [Fact]
    public void Without_a_single_sample_there_is_no_proposal()
    {
        var result = Calculator.ForAverageValue(2, 5m, null, [RunningPod("a"), RunningPod("b")], Samples(), Now);

        Assert.Null(result.Proposal);
        Assert.Contains("did not receive metrics", result.Error);
    }

    [Fact]
    public void A_deleted_or_failed_pod_is_left_out_of_the_average()
    {
        var deleted = RunningPod("b") with { Metadata = new ObjectMeta { Name = "b", Namespace = "ns", DeletionTimestamp = Now } };
        var failed = RunningPod("c", phase: PodPhases.Failed);

        var result = Calculator.ForAverageValue(1, 5m, null, [RunningPod("a"), deleted, failed], Samples(("a", 5m), ("b", 100m), ("c", 100m)), Now);

        Assert.Equal((1, 5m), (result.Proposal!.Replicas, result.Proposal.AverageValue));
    }

    [Fact]
    public void An_objects_value_scales_the_ready_pods_by_measured_over_target()
    {
        // A Service at 30 requests a second against 10: three times the 2 ready pods (the pending one is not counted).
        var result = Calculator.ForObject(3, 30m, targetValue: 10m, targetAverage: null,
            [RunningPod("a"), RunningPod("b"), RunningPod("c", phase: PodPhases.Pending)]);

        Assert.Equal(6, result.Proposal!.Replicas);
    }

    [Fact]
    public void An_objects_average_value_asks_for_measured_over_target_pods_outside_the_tolerance()
    {
        var up = Calculator.ForObject(2, 30m, targetValue: null, targetAverage: 5m, [RunningPod("a"), RunningPod("b")]);
        var within = Calculator.ForObject(6, 31m, targetValue: null, targetAverage: 5m, [RunningPod("a")]);

        Assert.Equal((6, 15m), (up.Proposal!.Replicas, up.Proposal.AverageValue));
        Assert.Equal(6, within.Proposal!.Replicas);
    }
}
