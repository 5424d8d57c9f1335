namespace EventOrch.Contracts.Events;

// The five facts of a kind whose objects have a spec their users change and a status their controller writes
// (ReplicaSets, ReplicationControllers, Deployments, Services). Each kind keeps its own event records, stored under their own
// names; these interfaces let one evolver and one definition serve them all.

/// <summary>An object was created, as stored.</summary>
public interface ICreatedEvent<out T> : IObjectEvent
{
    T Object { get; }
}

/// <summary>An object's labels, annotations, owner references or finalizers changed.</summary>
public interface IMetadataChangedEvent : IObjectEvent
{
    MetadataChanges Changes { get; }
}

/// <summary>An object's spec changed; its generation goes up by one.</summary>
public interface ISpecChangedEvent<out TSpec> : IObjectEvent
{
    TSpec Spec { get; }
}

/// <summary>An object's status was replaced by its controller.</summary>
public interface IStatusChangedEvent<out TStatus> : IObjectEvent
{
    TStatus Status { get; }
}

/// <summary>An object was deleted.</summary>
public interface IDeletedEvent : IObjectEvent;
