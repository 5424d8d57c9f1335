namespace EventOrch.Contracts.Kinds;

/// <summary>What the API knows of a kind: its group, version, names and scope.</summary>
public sealed record ResourceKind(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    IReadOnlyList<string> ShortNames)
{
    /// <summary>Groups of resources the kind belongs to, as discovery lists them (<c>kubectl get all</c> reads "all").</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public string ListKind => Kind + "List";
    public string Singular => Kind.ToLowerInvariant();

    /// <summary>Where the kind's group-version is served: /api/v1 for the core group, /apis/{group}/{version} otherwise.</summary>
    public string PathPrefix => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    public static readonly ResourceKind Namespace = new("", "v1", "Namespace", "namespaces", Namespaced: false, ["ns"]);
    public static readonly ResourceKind Pod = new("", "v1", "Pod", "pods", Namespaced: true, ["po"]) { Categories = ["all"] };
    public static readonly ResourceKind Node = new("", "v1", "Node", "nodes", Namespaced: false, ["no"]);
    public static readonly ResourceKind Service = new("", "v1", "Service", "services", Namespaced: true, ["svc"]) { Categories = ["all"] };
    public static readonly ResourceKind Endpoints = new("", "v1", "Endpoints", "endpoints", Namespaced: true, ["ep"]);
    public static readonly ResourceKind ConfigMap = new("", "v1", "ConfigMap", "configmaps", Namespaced: true, ["cm"]);
    public static readonly ResourceKind Secret = new("", "v1", "Secret", "secrets", Namespaced: true, []);
    public static readonly ResourceKind ServiceAccount = new("", "v1", "ServiceAccount", "serviceaccounts", Namespaced: true, ["sa"]);
    public static readonly ResourceKind Ingress = new("networking.k8s.io", "v1", "Ingress", "ingresses", Namespaced: true, ["ing"]);
    public static readonly ResourceKind ReplicationController = new("", "v1", "ReplicationController", "replicationcontrollers", Namespaced: true, ["rc"]) { Categories = ["all"] };
    public static readonly ResourceKind ReplicaSet = new("apps", "v1", "ReplicaSet", "replicasets", Namespaced: true, ["rs"]) { Categories = ["all"] };
    public static readonly ResourceKind Deployment = new("apps", "v1", "Deployment", "deployments", Namespaced: true, ["deploy"]) { Categories = ["all"] };
    public static readonly ResourceKind StatefulSet = new("apps", "v1", "StatefulSet", "statefulsets", Namespaced: true, ["sts"]) { Categories = ["all"] };
    /// <summary>Stored in autoscaling/v2; autoscaling/v1 (<see cref="HorizontalPodAutoscalerV1"/>) is a view of the same objects.</summary>
    public static readonly ResourceKind HorizontalPodAutoscaler = new("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", Namespaced: true, ["hpa"]) { Categories = ["all"] };
    public static readonly ResourceKind HorizontalPodAutoscalerV1 = HorizontalPodAutoscaler with { Version = "v1" };
    /// <summary>Outbound webhooks: cluster-scoped, as their filters name namespaces.</summary>
    public static readonly ResourceKind WebhookSubscription = new("eventorch.io", "v1", "WebhookSubscription", "webhooksubscriptions", Namespaced: false, ["whsub"]);
    /// <summary>The scale subresource's own kind; not stored, never listed.</summary>
    public static readonly ResourceKind Scale = new("autoscaling", "v1", "Scale", "scale", Namespaced: true, []);
    public static readonly ResourceKind Lease = new("coordination.k8s.io", "v1", "Lease", "leases", Namespaced: true, []);
    /// <summary>A rebuild of every projection from the record, verified against the live state: created, never stored.</summary>
    public static readonly ResourceKind Replay = new("eventorch.io", "v1", "Replay", "replays", Namespaced: false, []);
    /// <summary>Events: read-only, projected from the event store (the same objects in both groups).</summary>
    public static readonly ResourceKind Event = new("", "v1", "Event", "events", Namespaced: true, ["ev"]);
    public static readonly ResourceKind EventsV1Event = new("events.k8s.io", "v1", "Event", "events", Namespaced: true, ["ev"]);
    public static readonly ResourceKind ResourceQuota = new("", "v1", "ResourceQuota", "resourcequotas", Namespaced: true, ["quota"]);
    public static readonly ResourceKind LimitRange = new("", "v1", "LimitRange", "limitranges", Namespaced: true, ["limits"]);
    public static readonly ResourceKind StorageClass = new("storage.k8s.io", "v1", "StorageClass", "storageclasses", Namespaced: false, ["sc"]);
    public static readonly ResourceKind PersistentVolume = new("", "v1", "PersistentVolume", "persistentvolumes", Namespaced: false, ["pv"]);
    public static readonly ResourceKind VolumeAttachment = new("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", Namespaced: false, []);
    public static readonly ResourceKind PersistentVolumeClaim = new("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", Namespaced: true, ["pvc"]);
    public static readonly ResourceKind Role = new("rbac.authorization.k8s.io", "v1", "Role", "roles", Namespaced: true, []);
    public static readonly ResourceKind ClusterRole = new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", Namespaced: false, []);
    public static readonly ResourceKind RoleBinding = new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", Namespaced: true, []);
    public static readonly ResourceKind ClusterRoleBinding = new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", Namespaced: false, []);
    /// <summary>authorization.k8s.io reviews: created, answered, never stored.</summary>
    /// <summary>authentication.k8s.io: who the caller is (<c>kubectl auth whoami</c>); created, answered, never stored.</summary>
    public static readonly ResourceKind SelfSubjectReview = new("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", Namespaced: false, []);
    public static readonly ResourceKind SelfSubjectAccessReview = new("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", Namespaced: false, []);
    public static readonly ResourceKind SelfSubjectRulesReview = new("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", Namespaced: false, []);
    public static readonly ResourceKind SubjectAccessReview = new("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", Namespaced: false, []);
}
