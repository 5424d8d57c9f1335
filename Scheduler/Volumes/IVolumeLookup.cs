using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Model;

namespace EventOrch.Scheduler.Volumes;

/// <summary>The claims, volumes and classes the scheduler sees (Kubernetes' listers for the VolumeBinding plugin).</summary>
public interface IVolumeLookup
{
    PersistentVolumeClaim? Claim(string @namespace, string name);
    PersistentVolume? Volume(string name);
    StorageClass? Class(string name);
}

/// <summary>Claims, volumes and classes from the scheduler's informers; <see cref="Changed"/> fires on any change of
/// any of them, which is what may let a pod waiting for its storage fit.</summary>
public sealed class InformerVolumeLookup : IVolumeLookup
{
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly Informer<StorageClass> _classes;

    public InformerVolumeLookup(Informer<PersistentVolumeClaim> claims, Informer<PersistentVolume> volumes, Informer<StorageClass> classes)
    {
        (_claims, _volumes, _classes) = (claims, volumes, classes);
        claims.Cache.Changed += (_, _) => Changed?.Invoke();
        volumes.Cache.Changed += (_, _) => Changed?.Invoke();
        classes.Cache.Changed += (_, _) => Changed?.Invoke();
    }

    public event Action? Changed;

    public PersistentVolumeClaim? Claim(string @namespace, string name) => _claims.Cache.Get(@namespace, name);

    public PersistentVolume? Volume(string name) => _volumes.Cache.Get(null, name);

    public StorageClass? Class(string name) => _classes.Cache.Get(null, name);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.WhenAll(
        _claims.WaitForSyncAsync(cancellationToken), _volumes.WaitForSyncAsync(cancellationToken), _classes.WaitForSyncAsync(cancellationToken));
}
