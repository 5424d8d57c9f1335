using EventOrch.NodeAgent.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventOrch.Tests.Integration.NodeAgent;

public sealed class RuntimeRegistrationTests
{
    [Fact]
    public async Task The_docker_runtime_is_registered_with_its_configured_endpoint()
    {
        await using var services = Build(simulated: false, new() { ["Docker:Endpoint"] = "unix:///var/run/docker.sock", ["Docker:PullTimeout"] = "00:00:05" });

        var runtime = services.GetRequiredService<IContainerRuntime>();

        Assert.IsType<DockerRuntime>(runtime);
        Assert.Same(runtime, services.GetRequiredService<IContainerRuntime>());
        Assert.Equal(TimeSpan.FromSeconds(5), services.GetRequiredService<IOptions<DockerRuntimeOptions>>().Value.PullTimeout);
        Assert.Equal("docker", (await runtime.VersionAsync(CancellationToken.None)).Name);
    }

    [Fact]
    public async Task The_simulated_runtime_is_registered_with_its_start_delay()
    {
        await using var services = Build(simulated: true, new() { ["SimulatedRuntime:StartDelay"] = "00:00:02" });

        Assert.IsType<SimulatedRuntime>(services.GetRequiredService<IContainerRuntime>());
        Assert.Equal(TimeSpan.FromSeconds(2), services.GetRequiredService<IOptions<SimulatedRuntimeOptions>>().Value.StartDelay);
    }

    private static ServiceProvider Build(bool simulated, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddContainerRuntime(simulated)
            .BuildServiceProvider();
    }
}
