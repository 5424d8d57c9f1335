using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Webhooks;

/// <summary>Outbound webhooks (configuration section "Webhooks").</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>CIDR networks deliveries may reach although their addresses are refused by default (loopback, private,
    /// link-local, unique-local, CGNAT, cloud metadata, ...): "127.0.0.0/8", "10.1.0.0/16", "::1/128". Empty by
    /// default: only public addresses are reached. ./eo up allows loopback.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Attempts per delivery when the subscription does not say (spec.maxAttempts); then it is a dead letter.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one attempt may take when the subscription does not say (spec.timeoutSeconds).</summary>
    [Range(1, 60)] public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure (with up to a fifth taken off
    /// at random, so receivers that come back are not hit by every subscription at once), up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")] public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")] public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The least time between two status writes of one subscription: a busy subscription appends one status event
    /// per interval, not one per delivery. The first change after a quiet interval is written at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")] public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the dispatcher looks for work without a notification, and how often a standby Api instance
    /// tries to take over dispatching.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a signing key read from its Secret is used before it is read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan SecretCacheTtl { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Stops the host at start when an allowed network is not a CIDR, naming the entry.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var errors = options.AllowedNetworks
            .Select((entry, i) => (entry, i))
            .Where(e => !IPNetwork.TryParse(e.entry.Trim(), out _))
            .Select(e => $"{WebhookOptions.Section}:{nameof(WebhookOptions.AllowedNetworks)}:{e.i} (\"{e.entry}\") is not a network in CIDR notation (\"10.0.0.0/8\", \"::1/128\")")
            .ToList();
        if (options.MaxBackoff < options.InitialBackoff)
            errors.Add($"{WebhookOptions.Section}:{nameof(WebhookOptions.MaxBackoff)} must not be less than {nameof(WebhookOptions.InitialBackoff)}");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
