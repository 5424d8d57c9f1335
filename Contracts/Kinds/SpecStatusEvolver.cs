using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds the events of a kind with a spec and a status (created, metadata changed, spec changed, status
/// changed, deleted) into the object's current state: the workloads, and Services. A spec change raises the
/// generation.</summary>
public sealed class SpecStatusEvolver<T, TSpec, TStatus>(
    ResourceKind kind,
    IReadOnlyList<Type> eventTypes,
    Func<T, ObjectMeta, T> withMetadata,
    Func<T, TSpec, T> withSpec,
    Func<T, TStatus, T> withStatus) : IObjectEvolver<T> where T : class, IKubeObject
{
    public ResourceKind Kind => kind;

    public IReadOnlyList<Type> EventTypes => eventTypes;

    public T? Apply(T? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        ICreatedEvent<T> e => withMetadata(e.Object, e.Object.Metadata.At(position) with { Generation = 1 }),
        IDeletedEvent => null,
        _ when current is null => null,
        IMetadataChangedEvent e => withMetadata(current, current.Metadata.With(e.Changes).At(position)),
        ISpecChangedEvent<TSpec> e => withMetadata(withSpec(current, e.Spec),
            current.Metadata.At(position) with { Generation = (current.Metadata.Generation ?? 1) + 1 }),
        IStatusChangedEvent<TStatus> e => withMetadata(withStatus(current, e.Status), current.Metadata.At(position)),
        _ => current,
    };
}

/// <summary>The evolvers of the kinds with a spec and a status.</summary>
public static class ReplicaSetEvolver
{
    public static SpecStatusEvolver<ReplicaSet, ReplicaSetSpec, ReplicaSetStatus> Instance { get; } = new(ResourceKind.ReplicaSet,
        [typeof(ReplicaSetCreated), typeof(ReplicaSetMetadataChanged), typeof(ReplicaSetSpecChanged), typeof(ReplicaSetStatusChanged), typeof(ReplicaSetDeleted)],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}

public static class ReplicationControllerEvolver
{
    public static SpecStatusEvolver<ReplicationController, ReplicationControllerSpec, ReplicaSetStatus> Instance { get; } = new(
        ResourceKind.ReplicationController,
        [
            typeof(ReplicationControllerCreated), typeof(ReplicationControllerMetadataChanged), typeof(ReplicationControllerSpecChanged),
            typeof(ReplicationControllerStatusChanged), typeof(ReplicationControllerDeleted),
        ],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}

public static class DeploymentEvolver
{
    public static SpecStatusEvolver<Deployment, DeploymentSpec, DeploymentStatus> Instance { get; } = new(ResourceKind.Deployment,
        [typeof(DeploymentCreated), typeof(DeploymentMetadataChanged), typeof(DeploymentSpecChanged), typeof(DeploymentStatusChanged), typeof(DeploymentDeleted)],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}

public static class StatefulSetEvolver
{
    public static SpecStatusEvolver<StatefulSet, StatefulSetSpec, StatefulSetStatus> Instance { get; } = new(ResourceKind.StatefulSet,
        [typeof(StatefulSetCreated), typeof(StatefulSetMetadataChanged), typeof(StatefulSetSpecChanged), typeof(StatefulSetStatusChanged), typeof(StatefulSetDeleted)],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}

public static class ServiceEvolver
{
    public static SpecStatusEvolver<Service, ServiceSpec, ServiceStatus> Instance { get; } = new(ResourceKind.Service,
        [typeof(ServiceCreated), typeof(ServiceMetadataChanged), typeof(ServiceSpecChanged), typeof(ServiceStatusChanged), typeof(ServiceDeleted)],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}

public static class IngressEvolver
{
    public static SpecStatusEvolver<Ingress, IngressSpec, IngressStatus> Instance { get; } = new(ResourceKind.Ingress,
        [typeof(IngressCreated), typeof(IngressMetadataChanged), typeof(IngressSpecChanged), typeof(IngressStatusChanged), typeof(IngressDeleted)],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}

public static class HorizontalPodAutoscalerEvolver
{
    public static SpecStatusEvolver<HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, HorizontalPodAutoscalerStatus> Instance { get; } = new(
        ResourceKind.HorizontalPodAutoscaler,
        [
            typeof(HorizontalPodAutoscalerCreated), typeof(HorizontalPodAutoscalerMetadataChanged), typeof(HorizontalPodAutoscalerSpecChanged),
            typeof(HorizontalPodAutoscalerStatusChanged), typeof(HorizontalPodAutoscalerDeleted),
        ],
        (o, meta) => o with { Metadata = meta }, (o, spec) => o with { Spec = spec }, (o, status) => o with { Status = status });
}
