using EventOrch.Api.Requests;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace EventOrch.Api.Endpoints;

/// <summary>Health, readiness and version: served without authentication, as Kubernetes serves them.</summary>
public static class SystemEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>The Kubernetes version whose API the Api serves, as /version and the OpenAPI documents give it.</summary>
    public const string GitVersion = "v1.32.0-eventorch";

    // /version's major and minor ("1", "32") are those of GitVersion.
    private static readonly string[] MajorMinor = GitVersion[1..].Split('.')[..2];

    public static IEndpointRouteBuilder MapSystemEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
        app.MapGet("/livez", () => Results.Text("ok")).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "text/plain";
                foreach (var (name, entry) in report.Entries)
                    await context.Response.WriteAsync($"[{(entry.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy ? "+" : "-")}]{name} {entry.Status}\n");
                await context.Response.WriteAsync(report.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy ? "readyz check passed\n" : "readyz check failed\n");
            },
        }).AllowAnonymous();
        app.MapGet("/version", () => KubeResults.Object(new
        {
            major = MajorMinor[0],
            minor = MajorMinor[1],
            gitVersion = GitVersion,
            gitCommit = ThisAssembly.Commit,
            platform = $"{Environment.OSVersion.Platform}/{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}".ToLowerInvariant(),
            goVersion = $"dotnet{Environment.Version}",
            compiler = "dotnet",
        })).AllowAnonymous();
        return app;
    }

    private static class ThisAssembly
    {
        public static string Commit { get; } = typeof(SystemEndpoints).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";
    }
}
