using static EventOrch.Api.Requests.Protobuf.Proto;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>autoscaling/v1 HorizontalPodAutoscaler (what <c>kubectl autoscale</c> sends) from k8s.io/api autoscaling/v1
/// generated.proto, by field number, with Go's pointer fields marked.</summary>
internal static class AutoscalingV1Messages
{
    private const string Autoscaling = "k8s.io.api.autoscaling.v1.";

    public static readonly ProtoMessage CrossVersionObjectReference = new(Autoscaling + "CrossVersionObjectReference",
        [String(1, "kind"), String(2, "name"), String(3, "apiVersion")]);

    public static readonly ProtoMessage HorizontalPodAutoscalerSpec = new(Autoscaling + "HorizontalPodAutoscalerSpec",
    [
        Message(1, "scaleTargetRef", CrossVersionObjectReference), Int32(2, "minReplicas", pointer: true),
        Int32(3, "maxReplicas"), Int32(4, "targetCPUUtilizationPercentage", pointer: true),
    ]);

    public static readonly ProtoMessage HorizontalPodAutoscalerStatus = new(Autoscaling + "HorizontalPodAutoscalerStatus",
    [
        Int64(1, "observedGeneration", pointer: true), Message(2, "lastScaleTime", MetaV1Messages.Time, pointer: true),
        Int32(3, "currentReplicas"), Int32(4, "desiredReplicas"), Int32(5, "currentCPUUtilizationPercentage", pointer: true),
    ]);

    public static readonly ProtoMessage HorizontalPodAutoscaler = new(Autoscaling + "HorizontalPodAutoscaler",
    [
        Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", HorizontalPodAutoscalerSpec),
        Message(3, "status", HorizontalPodAutoscalerStatus),
    ]);
}
