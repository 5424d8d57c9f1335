using EventOrch.ClientRuntime.Storage;
using EventOrch.Controllers;
using EventOrch.NodeAgent.Nodes;
using EventOrch.NodeAgent.Runtime;
using EventOrch.NodeAgent.Storage;
using EventOrch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventOrch.Tests.Integration.Storage;

/// <summary>A real Api, the real Controllers host (binder, protection, default classes, shared provisioner) with a
/// shared root of its own, and a node's local provisioner on the real Docker Engine for a node named <see cref="Node"/>
/// (the provisioning loop and provisioner a node agent runs, without its pods). No scheduler: pods stay unbound.</summary>
public sealed class StorageControllersFixture : ApiServer
{
    public string SharedRoot { get; } = Directory.CreateTempSubdirectory("eo-shared-test-").FullName;
    public string Node { get; } = $"st{Guid.NewGuid():N}"[..12];
    public ComponentHarness Controllers { get; private set; } = null!;
    public ComponentHarness NodeProvisioner { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Controllers = await ComponentHarness.StartAsync(this, "controllers", b => b.AddControllersServices(),
            new Dictionary<string, string?> { ["Storage:SharedRoot"] = SharedRoot });
        NodeProvisioner = await ComponentHarness.StartAsync(this, "node-provisioner", component =>
        {
            component.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section);
            component.Services.AddContainerRuntime(simulated: false);
            component.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IVolumeProvisioner, LocalProvisioner>());
            component.AddVolumeProvisioning();
        }, new Dictionary<string, string?> { ["Node:Name"] = Node, ["Docker:PullImages"] = "false" });
    }

    public override async Task DisposeAsync()
    {
        await NodeProvisioner.DisposeAsync();
        await Controllers.DisposeAsync();
        await base.DisposeAsync();
        Directory.Delete(SharedRoot, recursive: true);
    }
}
