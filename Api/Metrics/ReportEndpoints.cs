using System.Text.Json;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.Contracts.Validation;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Metrics;

/// <summary>Where the node agents and service proxies report their samples (metrics.eventorch.io/v1, internal: not in
/// discovery). Only the reporting components' identities may post (<see cref="MetricsOptions"/>); anyone else gets 403.</summary>
public static class ReportEndpoints
{
    private const string Prefix = "/apis/metrics.eventorch.io/v1";
    private const int MaxNameLength = 253;

    public static IEndpointRouteBuilder MapMetricReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).RequireAuthorization().WithTags("metrics");
        group.MapPost("/nodereports", PostNodeReport);
        group.MapPost("/proxyreports", PostProxyReport);
        return app;
    }

    private static async Task<IResult> PostNodeReport(HttpContext http, MetricsStore store, IOptions<MetricsOptions> options)
    {
        if (Refused(http, options.Value.NodeReporters, MetricsKinds.NodeReport) is { } denied) return KubeResults.Error(denied);
        var body = await ReadAsync<NodeUsageReport>(http, MetricsKinds.NodeReport);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        if (MetricsReportValidation.Validate(body.Value!) is { Count: > 0 } errors)
            return KubeResults.Error(ApiErrors.Invalid(MetricsKinds.NodeReport, body.Value!.Nodes.FirstOrDefault()?.Name ?? "", errors));
        await store.AddAsync(body.Value!, http.RequestAborted);
        return Accepted(MetricsKinds.NodeReport);
    }

    private static async Task<IResult> PostProxyReport(HttpContext http, MetricsStore store, IOptions<MetricsOptions> options)
    {
        if (Refused(http, options.Value.ProxyReporters, MetricsKinds.ProxyReport) is { } denied) return KubeResults.Error(denied);
        var body = await ReadAsync<ProxyTrafficReport>(http, MetricsKinds.ProxyReport);
        if (!body.IsSuccess) return KubeResults.Error(body.Error!);
        if (MetricsReportValidation.Validate(body.Value!) is { Count: > 0 } errors)
            return KubeResults.Error(ApiErrors.Invalid(MetricsKinds.ProxyReport, body.Value!.Proxy, errors));
        await store.AddAsync(body.Value!, http.RequestAborted);
        return Accepted(MetricsKinds.ProxyReport);
    }

    private static Status? Refused(HttpContext http, IReadOnlyList<string> reporters, ResourceKind kind) =>
        reporters.Contains(http.UserName(), StringComparer.Ordinal)
            ? null
            : ApiErrors.Forbidden(http.UserName(), "create", kind, null, "only the reporting components may report samples");

    private static async Task<ApiResult<T>> ReadAsync<T>(HttpContext http, ResourceKind kind) where T : class
    {
        var node = await RequestBody.ReadAsync(http.Request, ["application/json"], http.RequestAborted);
        if (!node.IsSuccess) return node.Error!;
        try
        {
            return node.Value!.Deserialize<T>(KubeJson.Options) is { } report
                ? report
                : ApiErrors.BadRequest($"the body is not a {kind.Kind}");
        }
        catch (JsonException e)
        {
            return ApiErrors.BadRequest($"the body is not a {kind.Kind}: {e.Message}", e.Path);
        }
    }

    private static IResult Accepted(ResourceKind kind) =>
        KubeResults.Object(new Status { Outcome = "Success", Code = 201, Details = new StatusDetails { Group = kind.Group, Kind = kind.Plural } }, 201);
}
