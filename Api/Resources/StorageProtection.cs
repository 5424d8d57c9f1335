using EventOrch.Contracts.Model;

namespace EventOrch.Api.Resources;

/// <summary>Kubernetes' StorageObjectInUseProtection admission: a new volume or claim carries its protection finalizer,
/// which the protection controllers take away once nothing uses it.</summary>
public static class StorageProtection
{
    public static ObjectMeta WithFinalizer(ObjectMeta metadata, string finalizer) =>
        metadata.Finalizers?.Contains(finalizer) == true ? metadata : metadata with { Finalizers = [.. metadata.Finalizers ?? [], finalizer] };
}
