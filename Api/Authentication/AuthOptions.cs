using System.ComponentModel.DataAnnotations;

namespace EventOrch.Api.Authentication;

/// <summary>Authentication settings (configuration section "Auth").</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>A static token file, one "token,user,uid,\"group1,group2\"" line per identity (Kubernetes' format).</summary>
    [Required] public string TokenFile { get; set; } = "";
}
