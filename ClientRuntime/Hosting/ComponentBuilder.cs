using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventOrch.ClientRuntime.Hosting;

/// <summary>Collects what a component host needs: its informers and the consumers that feed them.</summary>
public sealed class ComponentBuilder(IHostApplicationBuilder builder)
{
    internal List<Type> Consumers { get; } = [];

    private readonly HashSet<Type> _informed = [];

    public IServiceCollection Services => builder.Services;

    /// <summary>Runs one active instance of this component at a time, elected on the lease kube-system/<paramref name="leaseName"/>.</summary>
    public ComponentBuilder AddLeaderElection(string leaseName)
    {
        Services.AddOptions<LeaderElection.LeaderElectionOptions>().BindConfiguration(LeaderElection.LeaderElectionOptions.Section)
            .PostConfigure(o => o.LeaseName = o.LeaseName.Length > 0 ? o.LeaseName : leaseName);
        Services.AddSingleton<LeaderElection.LeaderElector>();
        Services.AddHostedService(sp => sp.GetRequiredService<LeaderElection.LeaderElector>());
        return this;
    }

    /// <summary>A reconciler and its runner: it works only while this process leads (see <see cref="AddLeaderElection"/>).</summary>
    public ComponentBuilder AddController<TReconciler>() where TReconciler : class, Controllers.IReconciler
    {
        Services.AddSingleton<TReconciler>();
        // Not AddHostedService: that keeps one hosted service per implementation type, and every runner is a ControllerRunner.
        Services.AddSingleton<IHostedService>(sp =>
            ActivatorUtilities.CreateInstance<Controllers.ControllerRunner>(sp, sp.GetRequiredService<TReconciler>()));
        return this;
    }

    /// <summary>A consumer of events of its own on the component's queue (beside the informers').</summary>
    public ComponentBuilder AddConsumer<TConsumer>() where TConsumer : class, MassTransit.IConsumer
    {
        Consumers.Add(typeof(TConsumer));
        return this;
    }

    /// <summary>The provisioning loop (<see cref="Storage.ProvisioningController"/>) over the host's registered
    /// <see cref="Storage.IVolumeProvisioner"/>s, with the informers it reads. It works while this process leads when
    /// the component elects a leader, else always (a node agent's provisioner serves its own nodes).</summary>
    public ComponentBuilder AddVolumeProvisioning()
    {
        AddInformer(PersistentVolumeClaimEvolver.Instance);
        AddInformer(PersistentVolumeEvolver.Instance);
        AddInformer(StorageClassEvolver.Instance);
        Services.AddSingleton<Storage.ProvisioningController>();
        Services.AddSingleton<IHostedService>(sp => new Controllers.ControllerRunner(sp.GetRequiredService<Storage.ProvisioningController>(),
            sp.GetService<LeaderElection.LeaderElector>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Controllers.ControllerRunner>>()));
        return this;
    }

    /// <summary>Keeps an informer cache of a kind, fed from the component's queue. One per kind: asking again for a
    /// kind already kept (two controllers of the host need it) changes nothing.</summary>
    public ComponentBuilder AddInformer<T>(IObjectEvolver<T> evolver) where T : class, IKubeObject
    {
        if (!_informed.Add(typeof(T))) return this;
        Services.AddSingleton(evolver);
        Services.AddSingleton(new InformerCache<T>(evolver));
        Services.AddSingleton<Informer<T>>();
        Services.AddSingleton<IInformer>(sp => sp.GetRequiredService<Informer<T>>());
        Services.AddHostedService(sp => sp.GetRequiredService<Informer<T>>());
        foreach (var eventType in evolver.EventTypes)
            Consumers.Add(typeof(InformerEventConsumer<,>).MakeGenericType(eventType, typeof(T)));
        return this;
    }
}
