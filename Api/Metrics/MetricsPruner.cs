using EventOrch.Api.Storage;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Metrics;

/// <summary>Deletes metric samples past <see cref="MetricsOptions.Retention"/> every prune interval.</summary>
public sealed class MetricsPruner(MetricsStore store, IOptions<MetricsOptions> options, TimeProvider time, ILogger<MetricsPruner> logger)
    : PeriodicPruner(options.Value.PruneInterval, time, logger)
{
    protected override string What => "metric samples";

    protected override Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => store.PruneAsync(cancellationToken);
}
