namespace EventOrch.NodeAgent.ServiceAccounts;

/// <summary>How the agent gives pods their ServiceAccount's token (configuration section "ServiceAccountToken").</summary>
public sealed class ServiceAccountTokenOptions
{
    public const string Section = "ServiceAccountToken";

    /// <summary>Whether pods get the token, the CA and the namespace mounted (hollow nodes never do).</summary>
    public bool Mount { get; set; } = true;

    /// <summary>The CA certificate (PEM) the Api serves with, mounted as ca.crt; without it no ca.crt is written.</summary>
    public string? CaFile { get; set; }

    /// <summary>The Api as pods reach it (KUBERNETES_SERVICE_HOST and _PORT in every container): by default the
    /// agent's own Api:Server.</summary>
    public string? KubernetesService { get; set; }

    /// <summary>The life of the tokens the agent asks for; it asks for a new one at 80 % of it.</summary>
    public long ExpirationSeconds { get; set; } = 3600;
}
