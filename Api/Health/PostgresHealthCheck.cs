using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventOrch.Api.Health;

/// <summary>Ready only while PostgreSQL answers a query.</summary>
public sealed class PostgresHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = store.QuerySession();
            await session.AdvancedSql.QueryAsync<int>("select 1", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", ex);
        }
    }
}
