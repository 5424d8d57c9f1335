using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventOrch.NodeAgent.Runtime;

/// <summary>Registers the node's container runtime: Docker, or the simulated one of hollow nodes.</summary>
public static class RuntimeServiceExtensions
{
    public static IServiceCollection AddContainerRuntime(this IServiceCollection services, bool simulated)
    {
        if (simulated)
        {
            services.TryAddSingleton(TimeProvider.System);
            services.AddOptions<SimulatedRuntimeOptions>().BindConfiguration(SimulatedRuntimeOptions.Section)
                .Validate(o => o.StartDelay >= TimeSpan.Zero, "SimulatedRuntime:StartDelay must not be negative")
                .ValidateOnStart();
            services.TryAddSingleton<IContainerRuntime, SimulatedRuntime>();
        }
        else
        {
            services.AddOptions<DockerRuntimeOptions>().BindConfiguration(DockerRuntimeOptions.Section)
                .Validate(o => Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _), "Docker:Endpoint must be an absolute URI, e.g. unix:///var/run/docker.sock")
                .Validate(o => o.PullTimeout > TimeSpan.Zero, "Docker:PullTimeout must be positive")
                .ValidateOnStart();
            services.TryAddSingleton<IContainerRuntime, DockerRuntime>();
        }
        return services;
    }
}
