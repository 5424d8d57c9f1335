using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Webhooks;

/// <summary>An Api whose webhooks may reach 127.0.0.1 (the receivers) and nothing else private, with short back-offs, a
/// short status interval and quick polls, so the tests wait seconds, not minutes.</summary>
public class WebhookApiServer : ApiServer
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Webhooks:AllowedNetworks:0"] = "127.0.0.1/32",
        ["Webhooks:InitialBackoff"] = "00:00:00.100",
        ["Webhooks:MaxBackoff"] = "00:00:00.500",
        ["Webhooks:StatusInterval"] = StatusInterval,
        ["Webhooks:PollInterval"] = "00:00:00.500",
        ["Webhooks:SecretCacheTtl"] = "00:00:00",
        ["Logging:LogLevel:EventOrch.Api.Webhooks"] = "Warning",
    };

    protected virtual string StatusInterval => "00:00:00.200";
}
