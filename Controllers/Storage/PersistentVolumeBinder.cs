using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Controllers;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Storage;

/// <summary>Kubernetes' PersistentVolume controller: binds Pending claims to matching volumes (or hands them to their
/// class's provisioner), keeps both sides' phases true, releases a volume whose claim is gone and applies its reclaim
/// policy (Retain keeps it Released; Delete is its provisioner's work, and a Delete volume no provisioner made goes
/// Failed), and expands the volume of a bound claim that grew. One queue: claim keys are "namespace/name", volume keys
/// "/name".</summary>
public sealed partial class PersistentVolumeBinder : IReconciler
{
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly Informer<StorageClass> _classes;
    private readonly Informer<Node> _nodes;
    private readonly KubeApiClient _api;
    private readonly TimeProvider _time;
    private readonly ILogger<PersistentVolumeBinder> _logger;

    public PersistentVolumeBinder(Informer<PersistentVolumeClaim> claims, Informer<PersistentVolume> volumes, Informer<StorageClass> classes,
        Informer<Node> nodes, KubeApiClient api, TimeProvider time, ILogger<PersistentVolumeBinder> logger)
    {
        (_claims, _volumes, _classes, _nodes, _api, _time, _logger) = (claims, volumes, classes, nodes, api, time, logger);
        Queue = new WorkQueue(time);
        claims.Cache.Changed += (old, current) =>
        {
            var claim = (current ?? old)!;
            Queue.Add(ObjectKey.Of(claim));
            // A claim that goes (or changes its volume) changes what its volume should say.
            if (old?.Spec.VolumeName is { Length: > 0 } before) Queue.Add(ObjectKey.Of(null, before));
            if (current?.Spec.VolumeName is { Length: > 0 } after) Queue.Add(ObjectKey.Of(null, after));
        };
        volumes.Cache.Changed += (old, current) =>
        {
            var volume = (current ?? old)!;
            Queue.Add(ObjectKey.Of(volume));
            if (volume.Spec.ClaimRef is { Namespace: { } ns, Name: { } name }) Queue.Add(ObjectKey.Of(ns, name));
            // A volume that became Available may fit any Pending claim.
            if (current?.Status?.Phase == PersistentVolumes.Available && old?.Status?.Phase != PersistentVolumes.Available) AddPendingClaims();
        };
        classes.Cache.Changed += (_, _) => AddPendingClaims();
        nodes.Cache.Changed += (old, current) =>
        {
            if (old is null && current is not null) AddPendingClaims();
        };
    }

    public string Name => "persistentvolume-binder-controller";

    public WorkQueue Queue { get; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.WhenAll(_claims.WaitForSyncAsync(cancellationToken),
        _volumes.WaitForSyncAsync(cancellationToken), _classes.WaitForSyncAsync(cancellationToken), _nodes.WaitForSyncAsync(cancellationToken));

    public IEnumerable<string> AllKeys() => _claims.Cache.List().Select(ObjectKey.Of).Concat(_volumes.Cache.List().Select(ObjectKey.Of));

    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        if (ns.Length == 0)
        {
            if (_volumes.Cache.Get(null, name) is { } volume)
            {
                using var cause = KubeApiClient.CausedBy(_volumes.Cache.CauseOf(null, name));
                await SyncVolumeAsync(volume, cancellationToken);
            }
        }
        else if (_claims.Cache.Get(ns, name) is { } claim)
        {
            using var cause = KubeApiClient.CausedBy(_claims.Cache.CauseOf(ns, name));
            await SyncClaimAsync(claim, cancellationToken);
        }
    }

    private void AddPendingClaims()
    {
        foreach (var claim in _claims.Cache.List())
            if (string.IsNullOrEmpty(claim.Spec.VolumeName)) Queue.Add(ObjectKey.Of(claim));
    }

    private static bool HasAnnotation(IKubeObject obj, string annotation) => obj.Metadata.Annotations?.ContainsKey(annotation) == true;

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "claim {Claim} bound to volume {Volume}")]
    private partial void LogBound(string claim, string volume);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "claim {Claim} handed to provisioner {Provisioner}")]
    private partial void LogHandedToProvisioner(string claim, string provisioner);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "volume {Volume} is {Phase}: {Message}")]
    private partial void LogVolumePhase(string volume, string phase, string message);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "volume {Volume} expanded to {Capacity} for claim {Claim}")]
    private partial void LogExpanded(string volume, string capacity, string claim);
}
