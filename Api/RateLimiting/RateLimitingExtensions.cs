using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using EventOrch.Api.Requests;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.RateLimiting;

/// <summary>Per-user request-rate limits on ASP.NET Core's rate limiter: a token bucket per user (per source address for
/// requests without a valid token), none for the exempt groups; a refused request is Kubernetes' 429 Status with
/// Retry-After.</summary>
public static class RateLimitingExtensions
{
    public const string Message = "Too many requests, please try again later.";

    public static IServiceCollection AddUserRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.RequestsPerSecond > 0, "RateLimit:RequestsPerSecond must be positive")
            .Validate(o => o.Burst >= 1, "RateLimit:Burst must be at least 1")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            var exempt = limits.ExemptGroups.ToHashSet(StringComparer.Ordinal);
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !limits.Enabled || context.User.FindAll(ClaimTypes.Role).Any(g => exempt.Contains(g.Value))
                    ? RateLimitPartition.GetNoLimiter("exempt")
                    : RateLimitPartition.GetTokenBucketLimiter(PartitionOf(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.Burst,
                        TokensPerPeriod = limits.RequestsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            limiter.OnRejected = (rejected, _) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))
                    : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(KubeResults.Error(ApiErrors.TooManyRequests(Message, seconds)).ExecuteAsync(rejected.HttpContext));
            };
        });
        return services;
    }

    // A user by name; a caller without a valid token by its address, so a flood of bad tokens is limited too.
    private static string PartitionOf(HttpContext context) => context.User.Identity?.IsAuthenticated == true
        ? "user:" + context.User.Identity.Name
        : "address:" + context.Connection.RemoteIpAddress;
}
