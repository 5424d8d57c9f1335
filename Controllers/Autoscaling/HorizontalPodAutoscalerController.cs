using System.Collections.Concurrent;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;
using EventOrch.Contracts.Serialization;
using Microsoft.Extensions.Options;

namespace EventOrch.Controllers.Autoscaling;

/// <summary>Kubernetes' horizontal pod autoscaler: every sync period, each autoscaler reads its target's
/// <c>scale</c>, measures the target's pods by each of its metrics, takes the largest proposal, holds it to its
/// behavior and to min and max, and writes the new count through the <c>scale</c> subresource with the decision as the
/// write's reason; its status says what was measured and decided.</summary>
public sealed partial class HorizontalPodAutoscalerController : IReconciler
{
    private readonly Informer<HorizontalPodAutoscaler> _autoscalers;
    private readonly Informer<Pod> _pods;
    private readonly KubeApiClient _api;
    private readonly MetricEvaluation _metrics;
    private readonly AutoscalingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HorizontalPodAutoscalerController> _logger;
    private readonly ConcurrentDictionary<string, ScalingHistory> _histories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _statusWritten = new(StringComparer.Ordinal);

    public HorizontalPodAutoscalerController(Informer<HorizontalPodAutoscaler> autoscalers, Informer<Pod> pods, KubeApiClient api,
        IOptions<AutoscalingOptions> options, TimeProvider time, ILogger<HorizontalPodAutoscalerController> logger)
    {
        (_autoscalers, _pods, _api, _options, _time, _logger) = (autoscalers, pods, api, options.Value, time, logger);
        _metrics = new MetricEvaluation(new MetricsClient(api), new ReplicaCalculator(_options));
        Queue = new WorkQueue(time);
        pods.Cache.AddNamespaceIndex();
        autoscalers.Cache.Changed += (old, current) =>
        {
            // A spec change is looked at now; the controller's own status writes wait for the next sync.
            if (current is null || old is null || current.Metadata.Generation != old.Metadata.Generation) Queue.Add(ObjectKey.Of((current ?? old)!));
        };
    }

    public string Name => "horizontal-pod-autoscaler";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_autoscalers.WaitForSyncAsync(cancellationToken), _pods.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _autoscalers.Cache.List().Select(ObjectKey.Of);

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var hpa = _autoscalers.Cache.Get(ns, name);
        if (hpa is null || hpa.Metadata.DeletionTimestamp is not null)
        {
            _histories.TryRemove(key, out _);
            _statusWritten.TryRemove(key, out _);
            return;
        }
        try
        {
            await SyncAsync(key, hpa, cancellationToken);
        }
        finally
        {
            Queue.AddAfter(key, _options.SyncPeriod);
        }
    }

    private async Task SyncAsync(string key, HorizontalPodAutoscaler hpa, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var ns = hpa.Metadata.Namespace!;
        var conditions = new Conditions(hpa.Status?.Conditions, now);
        var status = hpa.Status ?? new HorizontalPodAutoscalerStatus();
        var target = hpa.Spec.ScaleTargetRef;
        if (TargetKind(target.Kind) is not { } targetKind)
        {
            conditions.Set(HpaConditions.AbleToScale, false, HpaConditions.FailedGetScale, $"the HPA controller was unable to get the target's current scale: no scale subresource for kind {target.Kind}");
            await WriteStatusAsync(key, hpa, status, conditions, metricsOnly: false, cancellationToken);
            return;
        }

        Scale? scale;
        try
        {
            scale = await GetScaleAsync(targetKind, ns, target.Name, cancellationToken);
        }
        catch (ApiException ex)
        {
            scale = null;
            LogFailed(key, ex.Message);
        }
        if (scale is null)
        {
            conditions.Set(HpaConditions.AbleToScale, false, HpaConditions.FailedGetScale, $"the HPA controller was unable to get the target's current scale: {target.Kind} {ns}/{target.Name} not found");
            await WriteStatusAsync(key, hpa, status, conditions, metricsOnly: false, cancellationToken);
            return;
        }
        conditions.Set(HpaConditions.AbleToScale, true, HpaConditions.SucceededGetScale, "the HPA controller was able to get the target's current scale");

        var history = _histories.GetOrAdd(Key(hpa), _ => new ScalingHistory());
        var current = scale.Spec.Replicas ?? 0;
        var min = hpa.Spec.MinReplicas ?? 1;
        var max = hpa.Spec.MaxReplicas;
        status = status with { CurrentReplicas = scale.Status?.Replicas ?? 0 };
        int desired;
        string? rescaleReason = null, rule = null;
        var measured = new List<MetricResult>();

        if (current == 0 && min != 0)
        {
            conditions.Set(HpaConditions.ScalingActive, false, HpaConditions.ScalingDisabled, "scaling is disabled since the replica count of the target is zero");
            desired = 0;
        }
        else if (current > max)
        {
            (desired, rescaleReason) = (max, "Current number of replicas above Spec.MaxReplicas");
            conditions.Set(HpaConditions.ScalingLimited, true, HpaConditions.TooManyReplicas, "the desired replica count is more than the maximum replica count");
        }
        else if (current < min)
        {
            (desired, rescaleReason) = (min, "Current number of replicas below Spec.MinReplicas");
            conditions.Set(HpaConditions.ScalingLimited, true, HpaConditions.TooFewReplicas, "the desired replica count is less than the minimum replica count");
        }
        else
        {
            if (!LabelSelector.TryParse(scale.Status?.Selector ?? "", out var selector, out _) || selector.IsEverything)
            {
                conditions.Set(HpaConditions.ScalingActive, false, HpaConditions.InvalidSelector, $"the HPA target's scale is missing a selector");
                await WriteStatusAsync(key, hpa, status, conditions, metricsOnly: false, cancellationToken);
                return;
            }
            var pods = _pods.Cache.InNamespace(ns).Where(p => selector.Matches(p.Metadata.Labels)).ToList();
            foreach (var spec in hpa.Spec.Metrics ?? [])
                measured.Add(await _metrics.EvaluateAsync(spec, ns, selector.ToString(), pods, current, now, cancellationToken));

            var best = measured.Where(m => m.Replicas is not null).MaxBy(m => m.Replicas!.Value);
            var failed = measured.FirstOrDefault(m => m.Error is not null);
            // One entry per spec metric, in its order (kubectl pairs them by position); one that could not be read has no value.
            var specs = hpa.Spec.Metrics ?? [];
            status = status with
            {
                CurrentMetrics = measured.Count == 0 ? null : [.. measured.Select((m, i) => m.Status ?? new MetricStatus { Type = specs[i].Type })],
            };
            // Kubernetes' rule: with every metric unreadable, or some unreadable and the rest proposing fewer pods, hold.
            if (best is null || (failed is not null && best.Replicas < current))
            {
                conditions.Set(HpaConditions.ScalingActive, false, failed?.ErrorReason ?? HpaConditions.InvalidMetricSourceType,
                    failed?.Error ?? "the HPA has no metrics to compute a replica count from");
                await WriteStatusAsync(key, hpa, status with { DesiredReplicas = current }, conditions, metricsOnly: false, cancellationToken);
                return;
            }
            conditions.Set(HpaConditions.ScalingActive, true, HpaConditions.ValidMetricFound,
                $"the HPA was able to successfully calculate a replica count from {best.Name}");

            var proposed = Math.Max(best.Replicas!.Value, 0);
            rescaleReason = proposed > current ? $"{best.Name} above target" : proposed < current ? "All metrics below target" : null;
            var normalized = ScalingBehavior.Normalize(history, hpa.Spec, _options.DownscaleStabilization, current, proposed, now);
            conditions.Set(HpaConditions.AbleToScale, true, normalized.StabilizationReason, normalized.StabilizationMessage);
            conditions.Set(HpaConditions.ScalingLimited, normalized.Limited, normalized.LimitReason, normalized.LimitMessage);
            desired = normalized.Replicas;
            rule = $"{best.Name} proposes {proposed} for {current} current replicas (ceil(current × measured / target))";
            if (normalized.StabilizationReason != HpaConditions.ReadyForNewScale) rule += $"; {normalized.StabilizationReason}: {normalized.StabilizationMessage}";
            if (normalized.Limited) rule += $"; {normalized.LimitReason}: {normalized.LimitMessage} (min {min}, max {max})";
        }

        status = status with { DesiredReplicas = desired };
        if (desired != current && rescaleReason is not null)
        {
            var reason = $"New size: {desired}; reason: {rescaleReason}";
            var metricText = string.Join(", ", measured.Where(m => m.Status is not null).Select(m => m.Summary));
            if (metricText.Length > 0) reason += $"; metrics: {metricText}";
            if (rule is not null) reason += $"; rule: {rule}";
            try
            {
                using (KubeApiClient.Because(reason))
                    await _api.ReplaceSubresourceAsync(targetKind, scale with { Spec = new ScaleSpec { Replicas = desired } }, "scale", cancellationToken);
            }
            catch (ApiException ex)
            {
                conditions.Set(HpaConditions.AbleToScale, false, HpaConditions.FailedRescale, $"the HPA controller was unable to update the target scale: {ex.Message}");
                await WriteStatusAsync(key, hpa, status, conditions, metricsOnly: false, cancellationToken);
                throw;
            }
            history.RecordScale(current, desired, now);
            conditions.Set(HpaConditions.AbleToScale, true, HpaConditions.SucceededRescale, HpaConditions.Rescaled(desired, rescaleReason));
            status = status with { LastScaleTime = now };
            LogScaled(key, target.Kind, target.Name, current, desired, reason);
        }
        status = status with { ObservedGeneration = hpa.Metadata.Generation };
        var onlyMetrics = KubeJson.Equal((hpa.Status ?? new()) with { CurrentMetrics = null, Conditions = null }, status with { CurrentMetrics = null, Conditions = null })
            && !conditions.Changed;
        await WriteStatusAsync(key, hpa, status, conditions, onlyMetrics, cancellationToken);
    }

    private async Task WriteStatusAsync(string key, HorizontalPodAutoscaler hpa, HorizontalPodAutoscalerStatus status, Conditions conditions,
        bool metricsOnly, CancellationToken cancellationToken)
    {
        var next = status with { Conditions = conditions.List };
        if (hpa.Status is not null && KubeJson.Equal(hpa.Status, next)) return;
        // Measured values alone change every sync; they are written now and then, not on each.
        if (metricsOnly && hpa.Status is not null && _statusWritten.TryGetValue(key, out var written)
            && _time.GetUtcNow() - written < _options.StatusRefresh) return;
        await _api.ReplaceStatusAsync(ResourceKind.HorizontalPodAutoscaler, hpa with { Status = next }, cancellationToken);
        _statusWritten[key] = _time.GetUtcNow();
    }

    private async Task<Scale?> GetScaleAsync(ResourceKind kind, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _api.ReadAsync<Scale>(KubeApiClient.ItemPath(kind, ns, name) + "/scale", cancellationToken);
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>The kinds with a scale subresource an autoscaler can target.</summary>
    public static ResourceKind? TargetKind(string kind) => kind switch
    {
        "Deployment" => ResourceKind.Deployment,
        "ReplicaSet" => ResourceKind.ReplicaSet,
        "ReplicationController" => ResourceKind.ReplicationController,
        _ => null,
    };

    // The history belongs to one object: a new autoscaler of the same name starts afresh.
    private static string Key(HorizontalPodAutoscaler hpa) => hpa.Metadata.Uid!;

    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Autoscaler {Key} scaled {Kind} {Name} from {From} to {To}: {Reason}")]
    private partial void LogScaled(string key, string kind, string name, int from, int to, string reason);

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "Autoscaler {Key} could not read its target's scale: {Error}")]
    private partial void LogFailed(string key, string error);
}
