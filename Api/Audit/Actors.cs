using EventOrch.Contracts.KubeEvents;

namespace EventOrch.Api.Audit;

/// <summary>Who acted, in words: a person by their user name; a component by the Kubernetes component that does what
/// the write did (the controllers share one service account, so the kinds of the event and of its cause tell
/// which controller it was), else by its service account's name.</summary>
public static class Actors
{
    public const string ServiceAccountPrefix = "system:serviceaccount:";
    public const string Unknown = "an unrecorded user";

    /// <summary>Whether <paramref name="user"/> is a component (a service account or another <c>system:</c> identity).</summary>
    public static bool IsComponent(string? user) => user?.StartsWith("system:", StringComparison.Ordinal) ?? false;

    /// <summary>The actor of <paramref name="entry"/>, whose cause (when recorded and found) is <paramref name="cause"/>.</summary>
    public static string Of(AuditEntry entry, AuditEntry? cause)
    {
        if (entry.User is not { Length: > 0 } user) return Unknown;
        if (!IsComponent(user)) return user;
        var account = AccountName(user);
        if (account.Contains("scheduler", StringComparison.Ordinal)) return EventComponents.DefaultScheduler;
        if (account.Contains("node-agent", StringComparison.Ordinal) || user.StartsWith("system:node:", StringComparison.Ordinal))
            return EventComponents.Kubelet;
        return (entry.Kind, cause?.Kind, entry.EventType) switch
        {
            ("Pod", "ReplicaSet", _) => EventComponents.ReplicaSetController,
            ("Pod", "ReplicationController", _) => EventComponents.ReplicationController,
            ("ReplicaSet", "Deployment", _) => EventComponents.DeploymentController,
            ("Pod", "Node", "PodDeleted") => EventComponents.TaintEvictionController,
            (_, "Node", _) or ("Node", _, _) => EventComponents.NodeController,
            ("Endpoints", _, _) => "endpoints-controller",
            ("Namespace", _, _) => "namespace-controller",
            // A dependent's change caused by its owner's deletion is the garbage collector's.
            (_, not null, _) when cause!.Uid != entry.Uid && StoredDeletes(cause) => "garbage-collector",
            _ => account,
        };
    }

    private static bool StoredDeletes(AuditEntry cause) =>
        Contracts.Kinds.StoredKinds.DeletionTypeNames.Contains(cause.EventType) || cause.EventType.EndsWith("MetadataChanged", StringComparison.Ordinal);

    // system:serviceaccount:kube-system:controllers -> controllers
    private static string AccountName(string user) =>
        user.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal) ? user[(user.LastIndexOf(':') + 1)..] : user;
}
