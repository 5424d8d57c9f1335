using static EventOrch.Api.Requests.Protobuf.Proto;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>apps/v1 Deployment from k8s.io/api apps/v1 generated.proto, by field number, with Go's pointer fields marked.</summary>
internal static class AppsV1Messages
{
    private const string Apps = "k8s.io.api.apps.v1.";

    public static readonly ProtoMessage RollingUpdateDeployment = new(Apps + "RollingUpdateDeployment",
    [
        Message(1, "maxUnavailable", MetaV1Messages.IntOrString, pointer: true),
        Message(2, "maxSurge", MetaV1Messages.IntOrString, pointer: true),
    ]);

    public static readonly ProtoMessage DeploymentStrategy = new(Apps + "DeploymentStrategy",
        [String(1, "type"), Message(2, "rollingUpdate", RollingUpdateDeployment, pointer: true)]);

    public static readonly ProtoMessage DeploymentSpec = new(Apps + "DeploymentSpec",
    [
        Int32(1, "replicas", pointer: true), Message(2, "selector", MetaV1Messages.LabelSelector, pointer: true),
        Message(3, "template", PodMessages.PodTemplateSpec), Message(4, "strategy", DeploymentStrategy),
        Int32(5, "minReadySeconds"), Int32(6, "revisionHistoryLimit", pointer: true), Bool(7, "paused"),
        Int32(9, "progressDeadlineSeconds", pointer: true),
    ]);

    public static readonly ProtoMessage DeploymentCondition = new(Apps + "DeploymentCondition",
    [
        String(1, "type"), String(2, "status"), Message(6, "lastUpdateTime", MetaV1Messages.Time),
        Message(7, "lastTransitionTime", MetaV1Messages.Time), String(4, "reason"), String(5, "message"),
    ]);

    public static readonly ProtoMessage DeploymentStatus = new(Apps + "DeploymentStatus",
    [
        Int64(1, "observedGeneration"), Int32(2, "replicas"), Int32(3, "updatedReplicas"), Int32(7, "readyReplicas"),
        Int32(4, "availableReplicas"), Int32(5, "unavailableReplicas"), Int32(9, "terminatingReplicas", pointer: true),
        List(6, "conditions", DeploymentCondition), Int32(8, "collisionCount", pointer: true),
    ]);

    public static readonly ProtoMessage Deployment = new(Apps + "Deployment",
    [
        Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", DeploymentSpec),
        Message(3, "status", DeploymentStatus),
    ]);
}
