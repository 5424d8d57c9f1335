using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using Marten;

namespace EventOrch.Api.ServiceAccounts;

/// <summary>Kubernetes' ServiceAccount admission for pods: a new pod that names no account runs as <c>default</c>, and
/// one naming an account that does not exist is refused (403).</summary>
public static class ServiceAccountAdmission
{
    /// <summary>The pod with <c>spec.serviceAccountName</c> (and its deprecated twin <c>serviceAccount</c>) set.</summary>
    public static Pod Default(Pod pod)
    {
        var name = !string.IsNullOrEmpty(pod.Spec.ServiceAccountName) ? pod.Spec.ServiceAccountName
            : !string.IsNullOrEmpty(pod.Spec.ServiceAccount) ? pod.Spec.ServiceAccount
            : ServiceAccountNames.Default;
        return pod with { Spec = pod.Spec with { ServiceAccountName = name, ServiceAccount = name } };
    }

    /// <summary>Null when the pod's account exists, else the 403 Kubernetes answers.</summary>
    public static async Task<Status?> RefuseMissingAsync(IQuerySession session, Pod pod, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.Namespace!;
        var account = pod.Spec.ServiceAccountName ?? ServiceAccountNames.Default;
        if (await ObjectQueries<ServiceAccount>.FindAsync(session, ns, account, cancellationToken) is not null) return null;
        return new Status
        {
            Code = 403,
            Reason = StatusReasons.Forbidden,
            Message = $"pods \"{pod.Metadata.Name}\" is forbidden: error looking up service account {ns}/{account}: serviceaccount \"{account}\" not found",
            Details = new StatusDetails { Name = pod.Metadata.Name, Kind = "pods" },
        };
    }

    /// <summary>Starts the stream of a namespace's <c>default</c> ServiceAccount in the session that creates the
    /// namespace, so a pod can be created in it at once (the serviceaccounts controller re-creates it if it is deleted).</summary>
    public static void StartDefault(IDocumentSession session, string @namespace, DateTimeOffset now)
    {
        var uid = Guid.NewGuid();
        var account = new ServiceAccount
        {
            Metadata = new ObjectMeta { Name = ServiceAccountNames.Default, Namespace = @namespace, Uid = uid.ToString(), CreationTimestamp = now.ToWholeSeconds() },
        };
        session.Events.StartStream<ObjectRecord<ServiceAccount>>(uid, new ServiceAccountCreated(account));
    }
}
