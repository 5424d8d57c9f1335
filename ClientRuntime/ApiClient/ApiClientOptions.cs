using System.ComponentModel.DataAnnotations;

namespace EventOrch.ClientRuntime.ApiClient;

/// <summary>How a component reaches the Api (configuration section "Api").</summary>
public sealed class ApiClientOptions
{
    public const string Section = "Api";

    [Required, Url] public string Server { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The component's bearer token; or read from <see cref="TokenFile"/>.</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the bearer token on its first line.</summary>
    public string? TokenFile { get; set; }

    public string ResolveToken() =>
        Token is { Length: > 0 } token ? token
        : TokenFile is { Length: > 0 } path && File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() ?? ""
        : "";
}
