using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>The ClusterRoles and ClusterRoleBindings every cluster starts with, after Kubernetes' bootstrap policy
/// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy): cluster-admin, admin, edit and view (aggregated from the
/// system:aggregate-to-* roles, with the resources EventOrch serves), discovery and self-review for every authenticated
/// user, and one role per EventOrch component holding only what that component's code calls.</summary>
public static class BootstrapPolicy
{
    public const string BootstrappingLabel = "kubernetes.io/bootstrapping";
    public const string BootstrappingValue = "rbac-defaults";
    public const string AutoUpdateAnnotation = "rbac.authorization.kubernetes.io/autoupdate";
    public const string AggregateToAdmin = "rbac.authorization.k8s.io/aggregate-to-admin";
    public const string AggregateToEdit = "rbac.authorization.k8s.io/aggregate-to-edit";
    public const string AggregateToView = "rbac.authorization.k8s.io/aggregate-to-view";

    public const string Scheduler = "system:eventorch:scheduler";
    public const string Controllers = "system:eventorch:controllers";
    public const string NodeAgent = "system:eventorch:node-agent";
    public const string ServiceProxy = "system:eventorch:service-proxy";

    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];
    private static readonly string[] ReadWrite = [.. Read, .. Write];

    private const string Core = "";
    private const string Apps = "apps";
    private const string Autoscaling = "autoscaling";
    private const string Networking = "networking.k8s.io";
    private const string Coordination = "coordination.k8s.io";
    private const string EventOrch = "eventorch.io";

    // What view reads; edit writes most of it, and EventOrch's record of each (history, why) is read with it.
    private static readonly string[] ViewedCore =
        ["pods", "pods/status", "pods/log", "replicationcontrollers", "replicationcontrollers/scale", "replicationcontrollers/status", "services",
            "services/status", "endpoints", "configmaps", "events", "namespaces", "namespaces/status", "serviceaccounts", "resourcequotas",
            "resourcequotas/status", "limitranges", "persistentvolumeclaims", "persistentvolumeclaims/status"];
    private static readonly string[] ViewedApps =
        ["deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets",
            "statefulsets/scale", "statefulsets/status"];
    private static readonly string[] ViewedAutoscaling = ["horizontalpodautoscalers", "horizontalpodautoscalers/status"];
    private static readonly string[] ViewedNetworking = ["ingresses", "ingresses/status"];

    public static IReadOnlyList<ClusterRole> ClusterRoles { get; } =
    [
        Role("cluster-admin", null,
            Rule(["*"], ["*"], ["*"]),
            new PolicyRule { Verbs = ["*"], NonResourceURLs = ["*"] }),
        Aggregated("admin", AggregateToAdmin, null),
        Aggregated("edit", AggregateToEdit, AggregateToAdmin),
        Aggregated("view", AggregateToView, AggregateToEdit),
        Role("system:aggregate-to-admin", AggregateToAdmin,
            Rule(ReadWrite, ["rbac.authorization.k8s.io"], ["roles", "rolebindings"]),
            Rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
            Rule(["list"], [EventOrch], ["audit", "refusals"]),
            Rule(["get"], [Core], ["secrets/history", "secrets/why"])),
        Role("system:aggregate-to-edit", AggregateToEdit,
            Rule(Write, [Core], ["pods", "replicationcontrollers", "replicationcontrollers/scale", "services", "configmaps", "secrets", "serviceaccounts",
                "persistentvolumeclaims"]),
            Rule(["create"], [Core], ["serviceaccounts/token"]),
            Rule(Read, [Core], ["secrets"]),
            Rule(["create"], [Core], ["pods/eviction"]),
            Rule(Write, [Apps], ["deployments", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"]),
            Rule(Write, [Autoscaling], ["horizontalpodautoscalers"]),
            Rule(Write, [Networking], ["ingresses"])),
        Role("system:aggregate-to-view", AggregateToView,
            Rule(Read, [Core], ViewedCore),
            Rule(Read, [Apps], ViewedApps),
            Rule(Read, [Autoscaling], ViewedAutoscaling),
            Rule(Read, [Networking], ViewedNetworking),
            Rule(Read, ["events.k8s.io"], ["events"]),
            Rule(Read, ["metrics.k8s.io"], ["pods"]),
            Rule(["get"], ["custom.metrics.k8s.io"], ["*"]),
            Rule(["get"], [Core], History(["pods", "replicationcontrollers", "services", "endpoints", "configmaps", "namespaces", "serviceaccounts",
                "resourcequotas", "limitranges", "persistentvolumeclaims"])),
            Rule(["get"], [Apps], History(["deployments", "replicasets", "statefulsets"])),
            Rule(["get"], [Autoscaling], History(["horizontalpodautoscalers"])),
            Rule(["get"], [Networking], History(["ingresses"]))),
        Role("system:discovery", null,
            new PolicyRule { Verbs = ["get"], NonResourceURLs = ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/readyz", "/openapi", "/openapi/*", "/version", "/version/"] }),
        Role("system:basic-user", null,
            Rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
            Rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"])),
        Role(Scheduler, null,
            Rule(Read, [Core], ["pods", "nodes"]),
            Rule(["create"], [Core], ["pods/binding"]),
            Rule(["update", "patch"], [Core], ["pods/status"]),
            Rule(Read, [Core], ["persistentvolumeclaims", "persistentvolumes"]),
            Rule(Read, ["storage.k8s.io"], ["storageclasses"]),
            Rule(["update", "patch"], [Core], ["persistentvolumeclaims"]),
            Rule(["get", "create", "update"], [Coordination], ["leases"])),
        Role(Controllers, null,
            // The namespace controller empties a namespace of every kind discovery lists, as Kubernetes' does.
            Rule(["get", "list", "delete", "deletecollection"], ["*"], ["*"]),
            Rule(["update"], [Core], ["namespaces/finalize", "namespaces/status"]),
            Rule(Read, [Core], ["namespaces", "pods", "services", "endpoints", "nodes", "replicationcontrollers", "serviceaccounts", "resourcequotas"]),
            Rule(["create"], [Core], ["serviceaccounts"]),
            Rule(["update"], [Core], ["resourcequotas/status"]),
            Rule(["create", "update", "patch", "delete"], [Core], ["pods", "endpoints"]),
            Rule(["update", "patch"], [Core], ["replicationcontrollers", "nodes"]),
            Rule(["update"], [Core], ["replicationcontrollers/status", "nodes/status"]),
            Rule(["get", "update", "patch"], [Core], ["replicationcontrollers/scale"]),
            Rule(Read, [Apps], ["deployments", "replicasets"]),
            Rule(["create", "update", "patch", "delete"], [Apps], ["replicasets"]),
            Rule(["update", "patch"], [Apps], ["deployments"]),
            Rule(["update"], [Apps], ["deployments/status", "replicasets/status"]),
            Rule(["get", "update", "patch"], [Apps], ["deployments/scale", "replicasets/scale"]),
            // The StatefulSet controller: its sets and their status, and the claims it makes from their templates.
            Rule(Read, [Apps], ["statefulsets"]),
            Rule(["update"], [Apps], ["statefulsets/status"]),
            Rule([.. Read, "create", "update", "patch"], [Core], ["persistentvolumeclaims"]),
            Rule(Read, [Autoscaling], ["horizontalpodautoscalers"]),
            Rule(["update"], [Autoscaling], ["horizontalpodautoscalers/status"]),
            Rule(["get", "list"], ["metrics.k8s.io"], ["pods"]),
            Rule(["get"], ["custom.metrics.k8s.io"], ["*"]),
            Rule(["get", "list", "create", "update"], [Coordination], ["leases"]),
            // The attach/detach controller.
            Rule(["get", "list", "watch", "create", "delete"], ["storage.k8s.io"], ["volumeattachments"]),
            Rule(["update", "patch"], ["storage.k8s.io"], ["volumeattachments/status"]),
            // The binder, the protection controllers and the shared provisioner.
            Rule(["get", "list", "watch", "create", "update", "patch", "delete"], [Core], ["persistentvolumes", "persistentvolumeclaims"]),
            Rule(["update", "patch"], [Core], ["persistentvolumes/status", "persistentvolumeclaims/status"]),
            Rule(["get", "list", "watch", "create"], ["storage.k8s.io"], ["storageclasses"])),
        Role(NodeAgent, null,
            Rule(["get", "list", "watch", "create", "update", "patch"], [Core], ["nodes"]),
            Rule(["update", "patch"], [Core], ["nodes/status"]),
            Rule(["get", "list", "watch", "delete"], [Core], ["pods"]),
            Rule(["update", "patch"], [Core], ["pods/status"]),
            Rule(["get"], [Core], ["secrets", "serviceaccounts"]),
            Rule(Read, [Core], ["configmaps"]),
            Rule(["create"], [Core], ["serviceaccounts/token"]),
            Rule(["get"], [Core], ["persistentvolumeclaims", "persistentvolumes"]),
            Rule(["get"], ["storage.k8s.io"], ["volumeattachments"]),
            Rule(["get", "create", "update"], [Coordination], ["leases"]),
            Rule(["create"], ["metrics.eventorch.io"], ["nodereports"]),
            // The local provisioner makes and deletes the volumes of its node's claims.
            Rule(["get", "list", "watch", "create", "delete"], [Core], ["persistentvolumes"]),
            Rule(Read, [Core], ["persistentvolumeclaims"]),
            Rule(Read, ["storage.k8s.io"], ["storageclasses"])),
        Role(ServiceProxy, null,
            Rule(Read, [Core], ["services", "endpoints"]),
            Rule(Read, [Networking], ["ingresses"]),
            Rule(["create"], ["metrics.eventorch.io"], ["proxyreports"])),
    ];

    public static IReadOnlyList<ClusterRoleBinding> ClusterRoleBindings { get; } =
    [
        Binding("cluster-admin", Group(RbacAuthorizer.MastersGroup)),
        Binding("system:discovery", Group(RbacAuthorizer.AuthenticatedGroup)),
        Binding("system:basic-user", Group(RbacAuthorizer.AuthenticatedGroup)),
        Binding(Scheduler, ServiceAccount(SystemNamespaces.KubeSystem, "scheduler")),
        Binding(Controllers, ServiceAccount(SystemNamespaces.KubeSystem, "controllers")),
        Binding(NodeAgent, ServiceAccount(SystemNamespaces.KubeSystem, "node-agent")),
        Binding(ServiceProxy, ServiceAccount(SystemNamespaces.KubeSystem, "service-proxy")),
    ];

    private static string[] History(string[] resources) => [.. resources.SelectMany(r => new[] { $"{r}/history", $"{r}/why" })];

    private static PolicyRule Rule(string[] verbs, string[] groups, string[] resources) =>
        new() { Verbs = [.. verbs], ApiGroups = [.. groups], Resources = [.. resources] };

    private static Dictionary<string, string> Labels(string? aggregateTo)
    {
        var labels = new Dictionary<string, string> { [BootstrappingLabel] = BootstrappingValue };
        if (aggregateTo is not null) labels[aggregateTo] = "true";
        return labels;
    }

    private static ObjectMeta Meta(string name, string? aggregateTo) => new()
    {
        Name = name,
        Labels = Labels(aggregateTo),
        Annotations = new Dictionary<string, string> { [AutoUpdateAnnotation] = "true" },
    };

    private static ClusterRole Role(string name, string? aggregateTo, params PolicyRule[] rules) =>
        new() { Metadata = Meta(name, aggregateTo), Rules = [.. rules] };

    private static ClusterRole Aggregated(string name, string selects, string? aggregateTo) => new()
    {
        Metadata = Meta(name, aggregateTo),
        AggregationRule = new AggregationRule { ClusterRoleSelectors = [new LabelSelectorSpec { MatchLabels = new() { [selects] = "true" } }] },
    };

    private static Subject Group(string name) => new() { Kind = RbacNames.GroupKind, ApiGroup = RbacNames.Group, Name = name };

    private static Subject ServiceAccount(string @namespace, string name) =>
        new() { Kind = RbacNames.ServiceAccountKind, Namespace = @namespace, Name = name };

    private static ClusterRoleBinding Binding(string role, params Subject[] subjects) => new()
    {
        Metadata = Meta(role, null),
        RoleRef = new RoleRef { ApiGroup = RbacNames.Group, Kind = "ClusterRole", Name = role },
        Subjects = [.. subjects],
    };
}
