using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Metrics;

/// <summary>The Api with the test component's identity allowed to report, and a short retention, staleness and prune
/// interval so tests see samples age out and go.</summary>
public class MetricsApiServer : ApiServer
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Metrics:NodeReporters:0"] = ComponentUser,
        ["Metrics:ProxyReporters:0"] = ComponentUser,
        ["Metrics:Retention"] = "00:00:08",
        ["Metrics:MaxAge"] = "00:00:05",
        ["Metrics:PruneInterval"] = "00:00:01",
    };
}
