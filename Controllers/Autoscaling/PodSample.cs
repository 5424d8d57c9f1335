namespace EventOrch.Controllers.Autoscaling;

/// <summary>One pod's value of a metric (a resource summed over its containers, or a per-pod metric), measured at
/// <see cref="Timestamp"/> over <see cref="Window"/>.</summary>
public sealed record PodSample(decimal Value, DateTimeOffset Timestamp, TimeSpan Window);

/// <summary>A replica count a metric proposes, with what it measured: the per-pod average and, for a utilisation target,
/// the percentage of the pods' requests.</summary>
public sealed record ReplicaProposal(int Replicas, decimal AverageValue, int? Utilization);
