using EventOrch.Api.Storage;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Refusals;

/// <summary>Deletes refusals past <see cref="RefusalOptions.Retention"/> every prune interval.</summary>
public sealed class RefusalPruner(RefusalStore store, IOptions<RefusalOptions> options, TimeProvider time, ILogger<RefusalPruner> logger)
    : PeriodicPruner(options.Value.PruneInterval, time, logger)
{
    protected override string What => "refusals";

    protected override Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        store.PruneAsync(now - options.Value.Retention, cancellationToken);
}
