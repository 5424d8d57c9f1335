using System.ComponentModel.DataAnnotations;
using System.Net;

namespace EventOrch.ServiceProxy.Configuration;

/// <summary>Where the proxy listens and how it treats failing destinations (configuration section "Proxy").</summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Proxy";

    /// <summary>The address of the entry points and of every node port. One proxy runs per node, so this is the node's address.</summary>
    [Required] public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>HTTP/1.1 (and WebSocket) entry point: every service by Host <c>{service}.{namespace}.svc</c> or <c>{service}.{namespace}</c>.</summary>
    [Range(1, 65535)] public int EntryPort { get; set; } = 8000;

    /// <summary>The same routes for HTTP/2 without TLS (gRPC): cleartext HTTP/2 needs a port of its own, since nothing
    /// negotiates it. 0 turns it off.</summary>
    [Range(0, 65535)] public int Http2EntryPort { get; set; } = 8001;

    /// <summary>Connection failures are counted over this window; a destination ejected for them gets traffic again after it.</summary>
    public TimeSpan HealthWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many destinations an idempotent request without a body tries when connecting fails.</summary>
    [Range(1, 10)] public int MaxConnectAttempts { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(ListenAddress, out _))
            yield return new ValidationResult($"Proxy:ListenAddress '{ListenAddress}' is not an IP address", [nameof(ListenAddress)]);
        if (EntryPort == Http2EntryPort)
            yield return new ValidationResult("Proxy:EntryPort and Proxy:Http2EntryPort must differ", [nameof(Http2EntryPort)]);
        if (HealthWindow <= TimeSpan.Zero)
            yield return new ValidationResult("Proxy:HealthWindow must be positive", [nameof(HealthWindow)]);
    }
}
