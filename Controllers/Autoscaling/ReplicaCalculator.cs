using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Controllers.Autoscaling;

/// <summary>Kubernetes' replica calculation: desired = ceil(current pods × measured / target), no change inside the
/// tolerance, and pods that cannot be measured fairly held against the direction of the change: on a scale down a pod
/// without a sample counts as at the target, on a scale up as using nothing, and so does a cpu-measured pod that is not
/// Ready yet, so a scale is never made bigger than the pods that were seen justify.</summary>
public sealed class ReplicaCalculator(AutoscalingOptions options)
{
    /// <summary>For a utilisation target (percent of the pods' requests of <paramref name="resource"/>); an error when a
    /// pod's container has no request for it, or no pod could be measured.</summary>
    public Result ForUtilization(int currentReplicas, int targetUtilization, string resource, IReadOnlyList<Pod> pods,
        IReadOnlyDictionary<string, PodSample> samples, DateTimeOffset now, string? container = null)
    {
        if (pods.Count == 0) return Result.Fail("no pods match the target's selector");
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (RequestOf(pod, resource, container) is not { } request)
                return Result.Fail($"missing request for {resource} in {(container is null ? "a container" : $"container {container}")} of Pod {pod.Metadata.Name}");
            requests[pod.Metadata.Name!] = request;
        }
        var groups = Group(pods, samples, resource, now);
        var measured = groups.Measured;
        if (measured.Count == 0) return Result.Fail("did not receive metrics for targeted pods (pods might be unready)");

        decimal Ratio(IReadOnlyDictionary<string, decimal> values) => Utilization(values, requests) / targetUtilization;
        var ratio = Ratio(measured);
        var proposal = Propose(currentReplicas, ratio, groups, measured, onScaleDown: p => requests[p], Ratio);
        var utilization = (int)decimal.Round(Utilization(measured, requests), MidpointRounding.AwayFromZero);
        return Result.Of(new ReplicaProposal(proposal, measured.Values.Sum() / measured.Count, utilization));
    }

    /// <summary>For a per-pod average target (a Pods metric, or a resource's average value).</summary>
    public Result ForAverageValue(int currentReplicas, decimal targetAverage, string? resource, IReadOnlyList<Pod> pods,
        IReadOnlyDictionary<string, PodSample> samples, DateTimeOffset now)
    {
        if (pods.Count == 0) return Result.Fail("no pods match the target's selector");
        var groups = Group(pods, samples, resource, now);
        var measured = groups.Measured;
        if (measured.Count == 0) return Result.Fail("did not receive metrics for targeted pods (pods might be unready)");

        decimal Ratio(IReadOnlyDictionary<string, decimal> values) => values.Values.Sum() / values.Count / targetAverage;
        var proposal = Propose(currentReplicas, Ratio(measured), groups, measured, onScaleDown: _ => targetAverage, Ratio);
        return Result.Of(new ReplicaProposal(proposal, measured.Values.Sum() / measured.Count, null));
    }

    /// <summary>For one object's value (a Service's requests per second): with a <c>Value</c> target the ready pods
    /// are scaled by measured / target; with an <c>AverageValue</c> target the count is measured / target per pod.</summary>
    public Result ForObject(int currentReplicas, decimal measured, decimal? targetValue, decimal? targetAverage, IReadOnlyList<Pod> pods)
    {
        if (targetAverage is { } average)
        {
            var perPodRatio = measured / (average * Math.Max(currentReplicas, 1));
            var proposal = WithinTolerance(perPodRatio) ? currentReplicas : Ceiling(measured / average);
            return Result.Of(new ReplicaProposal(proposal, measured / Math.Max(currentReplicas, 1), null));
        }
        var ready = pods.Count(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase == PodPhases.Running && p.IsReady());
        if (ready == 0) return Result.Fail("no ready pods to scale by the object's value");
        var ratio = measured / targetValue!.Value;
        return Result.Of(new ReplicaProposal(WithinTolerance(ratio) ? currentReplicas : Ceiling(ratio * ready), measured, null));
    }

    private int Propose(int currentReplicas, decimal ratio, PodGroups groups, IReadOnlyDictionary<string, decimal> measured,
        Func<string, decimal> onScaleDown, Func<IReadOnlyDictionary<string, decimal>, decimal> ratioOf)
    {
        var scaleUpWithUnready = groups.Unready.Count > 0 && ratio > 1;
        if (!scaleUpWithUnready && groups.Missing.Count == 0)
            return WithinTolerance(ratio) ? currentReplicas : Ceiling(ratio * groups.ReadyCount);

        // Fill in the pods that could not be measured, against the direction of the change, and look again.
        var filled = new Dictionary<string, decimal>(measured, StringComparer.Ordinal);
        if (groups.Missing.Count > 0)
        {
            foreach (var pod in groups.Missing)
                if (ratio < 1) filled[pod] = onScaleDown(pod);
                else if (ratio > 1) filled[pod] = 0;
        }
        if (scaleUpWithUnready)
            foreach (var pod in groups.Unready) filled[pod] = 0;

        var newRatio = ratioOf(filled);
        if (WithinTolerance(newRatio) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return currentReplicas;
        var replicas = Ceiling(newRatio * filled.Count);
        // The filled-in pods must not turn the change around.
        return (newRatio < 1 && replicas > currentReplicas) || (newRatio > 1 && replicas < currentReplicas) ? currentReplicas : replicas;
    }

    private bool WithinTolerance(decimal ratio) => Math.Abs(1 - ratio) <= (decimal)options.Tolerance;

    private static int Ceiling(decimal value) => (int)Math.Min(int.MaxValue, Math.Ceiling(value));

    private static decimal Utilization(IReadOnlyDictionary<string, decimal> values, IReadOnlyDictionary<string, decimal> requests)
    {
        decimal used = 0, requested = 0;
        foreach (var (pod, value) in values)
        {
            used += value;
            requested += requests[pod];
        }
        return requested == 0 ? 0 : used * 100 / requested;
    }

    /// <summary>The pod's request of a resource, summed over its containers (or the one named); null when a container has none.</summary>
    public static decimal? RequestOf(Pod pod, string resource, string? container = null)
    {
        decimal total = 0;
        var containers = pod.Spec.Containers.Where(c => container is null || c.Name == container).ToList();
        if (containers.Count == 0) return null;
        foreach (var c in containers)
        {
            if (c.Resources?.Requests?.GetValueOrDefault(resource) is not { } text || !Quantity.TryParse(text, out var q)) return null;
            total += q.Value;
        }
        return total;
    }

    private sealed record PodGroups(Dictionary<string, decimal> Measured, int ReadyCount, List<string> Unready, List<string> Missing);

    // Kubernetes' grouping: deleted and failed pods are ignored, pending ones are unready, pods without a sample are
    // missing; for cpu, a pod still starting (or not Ready) is unready, since its usage then says little.
    private PodGroups Group(IReadOnlyList<Pod> pods, IReadOnlyDictionary<string, PodSample> samples, string? resource, DateTimeOffset now)
    {
        var measured = new Dictionary<string, decimal>(StringComparer.Ordinal);
        List<string> unready = [], missing = [];
        var ready = 0;
        foreach (var pod in pods)
        {
            var name = pod.Metadata.Name!;
            if (pod.Metadata.DeletionTimestamp is not null || pod.Status?.Phase == PodPhases.Failed) continue;
            if (pod.Status?.Phase is null or PodPhases.Pending)
            {
                unready.Add(name);
                continue;
            }
            if (!samples.TryGetValue(name, out var sample))
            {
                missing.Add(name);
                continue;
            }
            if (resource == "cpu" && IsUnreadyForCpu(pod, sample, now))
            {
                unready.Add(name);
                continue;
            }
            measured[name] = sample.Value;
            ready++;
        }
        return new PodGroups(measured, ready, unready, missing);
    }

    private bool IsUnreadyForCpu(Pod pod, PodSample sample, DateTimeOffset now)
    {
        var condition = pod.Status.Condition(PodConditions.Ready);
        var started = pod.Status?.StartTime;
        if (condition is null || started is null) return true;
        if (started.Value + options.CpuInitializationPeriod > now)
            // Still starting: its sample counts only once it was Ready for a whole window.
            return condition.Status != ConditionStatuses.True
                || condition.LastTransitionTime is null || sample.Timestamp < condition.LastTransitionTime.Value + sample.Window;
        // Later, only a pod that never became Ready after starting is left out.
        return condition.Status != ConditionStatuses.True
            && condition.LastTransitionTime is { } changed && started.Value + options.InitialReadinessDelay > changed;
    }

    /// <summary>A proposal, or why the metric could not give one.</summary>
    public sealed record Result(ReplicaProposal? Proposal, string? Error)
    {
        public static Result Of(ReplicaProposal proposal) => new(proposal, null);
        public static Result Fail(string error) => new(null, error);
    }
}
