namespace EventOrch.Contracts.Model;

/// <summary>v1 ServiceAccount: an identity for the processes of pods (user <c>system:serviceaccount:NS:NAME</c>); its
/// tokens are issued through the <c>token</c> subresource and mounted into its pods.</summary>
public sealed record ServiceAccount : IKubeObject
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "ServiceAccount";
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Secrets of the account (kept as given; EventOrch mounts issued tokens, not Secrets).</summary>
    [PatchStrategy(PatchStrategies.Merge, MergeKey = "name")]
    public List<ObjectReference>? Secrets { get; init; }

    /// <summary>Image pull secrets for its pods (kept as given; no registry is reached here).</summary>
    public List<LocalObjectReference>? ImagePullSecrets { get; init; }

    /// <summary>False: pods of this account get no token mounted unless the pod asks for one.</summary>
    public bool? AutomountServiceAccountToken { get; init; }
}

/// <summary>A reference to an object in the same namespace, by name.</summary>
public sealed record LocalObjectReference
{
    public string? Name { get; init; }
}

/// <summary>The names and the automount switch of ServiceAccounts and their pods' token mount.</summary>
public static class ServiceAccountNames
{
    /// <summary>The account every namespace has, and that a pod naming none runs as.</summary>
    public const string Default = "default";

    public const string UserPrefix = "system:serviceaccount:";

    /// <summary>Every service account's group, and the prefix of its namespace's group.</summary>
    public const string AllGroup = "system:serviceaccounts";

    /// <summary>Where a pod's containers find the account's token, the CA and the namespace.</summary>
    public const string MountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static string UserName(string @namespace, string name) => $"{UserPrefix}{@namespace}:{name}";

    public static string NamespaceGroup(string @namespace) => $"{AllGroup}:{@namespace}";
}
