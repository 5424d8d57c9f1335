using EventOrch.Controllers;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Controllers;

/// <summary>The real Api and the real Controllers host (replica set controller, garbage collector, node lifecycle), with
/// no scheduler: pods stay unbound, so a delete removes them at once and what happens is the controllers' alone.</summary>
public class ControllersFixture : ApiServer
{
    public ComponentHarness Controllers { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Controllers = await ComponentHarness.StartAsync(this, "controllers", b => b.AddControllersServices());
    }

    public override async Task DisposeAsync()
    {
        await Controllers.DisposeAsync();
        await base.DisposeAsync();
    }
}
