using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace EventOrch.Api.Dashboard;

/// <summary>The web dashboard: static files under <c>/ui/</c>, served without a token (the page asks for one and sends it
/// with every call to the Api, so RBAC applies to what it shows), and <c>/ui/watch</c>, several watches in one stream.</summary>
public static class DashboardEndpoints
{
    public const string PathBase = "/ui";

    /// <summary>Serves the files before authentication: they are the same for everyone and hold no data. They come from
    /// where the build copies them (Dashboard/ui in the source tree), or from <c>Dashboard:Files</c>, a directory, so
    /// that the page can be edited and reloaded without a build.</summary>
    public static IApplicationBuilder UseDashboardFiles(this WebApplication app)
    {
        var directory = app.Configuration["Dashboard:Files"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "dashboard");
        if (!Directory.Exists(directory)) return app;
        var files = new PhysicalFileProvider(directory);
        app.Use((context, next) =>
        {
            // /ui without the slash: the page's relative links need the directory form.
            if (context.Request.Path.Equals(PathBase, StringComparison.Ordinal) && HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.Redirect(PathBase + "/");
                return Task.CompletedTask;
            }
            return next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = PathBase, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = PathBase,
            FileProvider = files,
            // A new build's files are picked up at the next load; they are small and served from loopback.
            OnPrepareResponse = file => file.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        return app;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet(PathBase + "/watch", WatchMultiplexer.StreamAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
