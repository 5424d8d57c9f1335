using EventOrch.ClientRuntime.Hosting;
using EventOrch.Contracts.Kinds;
using EventOrch.NodeAgent.ConfigSources;
using EventOrch.NodeAgent.Metrics;
using EventOrch.NodeAgent.Nodes;
using EventOrch.NodeAgent.Pods;
using EventOrch.NodeAgent.Runtime;
using EventOrch.NodeAgent.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventOrch.NodeAgent;

/// <summary>Everything the NodeAgent host registers.</summary>
public static class NodeAgentServiceExtensions
{
    public static IHostApplicationBuilder AddNodeAgentServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Count == 1 || o.Simulated, "Node:Count above 1 needs Node:Simulated (hollow nodes)").ValidateOnStart();
        builder.Services.AddContainerRuntime(simulated: builder.Configuration.GetValue<bool>($"{NodeOptions.Section}:Simulated"));
        builder.Services.AddOptions<PodAgentOptions>().BindConfiguration(PodAgentOptions.Section);
        builder.Services.AddOptions<ServiceAccounts.ServiceAccountTokenOptions>().BindConfiguration(ServiceAccounts.ServiceAccountTokenOptions.Section)
            .Validate(o => o.ExpirationSeconds >= 600, "ServiceAccountToken:ExpirationSeconds must be at least 600")
            .Validate(o => o.KubernetesService is null || Uri.TryCreate(o.KubernetesService, UriKind.Absolute, out _), "ServiceAccountToken:KubernetesService must be a URL")
            .ValidateOnStart();
        builder.Services.AddHttpClient("probes", c => c.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<Prober>();
        builder.Services.AddSingleton<NodeFleet>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeFleet>());
        builder.Services.AddSingleton<SecretStore>();
        builder.Services.TryAddSingleton<Volumes.IStorageLookup, Volumes.ApiStorageLookup>();
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.Interval >= TimeSpan.FromMilliseconds(100), "Metrics:Interval must be at least 100 ms")
            .Validate(o => o.Parallelism >= 1, "Metrics:Parallelism must be at least 1").ValidateOnStart();
        builder.Services.AddHostedService<UsageSampler>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ClientRuntime.Storage.IVolumeProvisioner, LocalProvisioner>());
        // ConfigMaps are followed like pods; Secrets are read through the Api only when a pod here needs one, and their
        // events (ciphertext only) just say when to read one again.
        return builder.AddComponent("node-agent", component => component
            .AddInformer(PodEvolver.Instance)
            .AddInformer(ConfigMapEvolver.Instance)
            .AddConsumer<SecretEventConsumer>()
            .AddVolumeProvisioning());
    }

    /// <summary>Turns the agent's switches into configuration: --simulated, --count N, --name NAME.</summary>
    public static string[] TranslateSwitches(string[] args)
    {
        var translated = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--simulated": translated.Add($"--{NodeOptions.Section}:Simulated=true"); break;
                case "--count" when i + 1 < args.Length: translated.Add($"--{NodeOptions.Section}:Count={args[++i]}"); break;
                case "--name" when i + 1 < args.Length: translated.Add($"--{NodeOptions.Section}:Name={args[++i]}"); break;
                default: translated.Add(args[i]); break;
            }
        }
        return [.. translated];
    }
}
