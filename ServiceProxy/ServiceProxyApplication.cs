namespace EventOrch.ServiceProxy;

/// <summary>Builds the ServiceProxy host; Program.cs runs it, and tests start it in-process.</summary>
public static class ServiceProxyApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceProxyServices();
        var app = builder.Build();
        app.MapServiceProxy();
        return app;
    }
}
