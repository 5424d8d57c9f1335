namespace EventOrch.Api.ServiceAccounts;

/// <summary>The private claim Kubernetes puts in ServiceAccount tokens, and what a valid token says.</summary>
public static class ServiceAccountClaims
{
    public const string Kubernetes = "kubernetes.io";
}

/// <summary>Who a valid ServiceAccount token names: the account, and the pod it is bound to if any.</summary>
public sealed record ServiceAccountTokenSubject(string Namespace, string Name, Guid Uid, string? PodName, Guid? PodUid)
{
    public string User => Contracts.Model.ServiceAccountNames.UserName(Namespace, Name);
}

/// <summary>Why a ServiceAccount token is refused (for the log; the client is only told 401).</summary>
public sealed record TokenVerdict(ServiceAccountTokenSubject? Subject, string? Refusal)
{
    public static TokenVerdict Refused(string why) => new(null, why);
}
