using EventOrch.Contracts.Model;
using EventOrch.Scheduler.Framework;
using EventOrch.Scheduler.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;
using NodeAffinityPlugin = EventOrch.Scheduler.Plugins.NodeAffinity;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class SchedulingProfileTests
{
    private static readonly IFilterPlugin[] Filters =
        [new NodeResourcesFit(), new NodePorts(), new NodeAffinityPlugin(), new TaintToleration(), new NodeReady(), new NodeUnschedulable(),
            new VolumeBinding(new VolumeBindingTests.Lookup())];

    private static readonly IScorePlugin[] Scores =
        [new NodeResourcesLeastAllocated(), new NodeResourcesMostAllocated(), new OwnerSpread(), new TaintTolerationScore(), new NodeAffinityScore()];

    [Theory]
    [InlineData(SchedulerOptions.Spread, "empty")]
    [InlineData(SchedulerOptions.BinPack, "busy")]
    public void Spread_prefers_the_emptier_node_and_binpack_the_fuller_one(string profileName, string expectedNode)
    {
        var profile = new SchedulerOptions().Build(profileName, Filters, Scores);
        List<NodeInfo> nodes = [Node("busy").Info(Pod("existing", cpu: "3", memory: "6Gi")), Node("empty").Info()];

        var result = Scheduling.Schedule(Pod("new", cpu: "500m", memory: "512Mi"), nodes, profile);

        Assert.Equal(expectedNode, result.NodeName);
    }

    [Fact]
    public void Spread_keeps_replicas_of_one_controller_apart_on_equally_loaded_nodes()
    {
        var profile = new SchedulerOptions().Build(SchedulerOptions.Spread, Filters, Scores);
        List<NodeInfo> nodes =
        [
            Node("node-0").Info(Pod("web-0", cpu: "1").OwnedBy("rs-web")),
            Node("node-1").Info(Pod("db-0", cpu: "1").OwnedBy("rs-db")),
        ];

        var result = Scheduling.Schedule(Pod("web-1", cpu: "1").OwnedBy("rs-web"), nodes, profile);

        Assert.Equal("node-1", result.NodeName);
    }

    [Fact]
    public void A_profile_without_filters_runs_every_filter_in_the_default_order()
    {
        var profile = new SchedulerOptions().Build(SchedulerOptions.Spread, Filters, Scores);

        Assert.Equal(SchedulerOptions.DefaultFilterOrder, profile.Filters.Select(f => f.Name));
        Assert.Equal(
            ["NodeResourcesLeastAllocated:1", "OwnerSpread:2", "TaintTolerationScore:1", "NodeAffinityScore:1"],
            profile.Scores.Select(s => $"{s.Plugin.Name}:{s.Weight}"));
    }

    [Fact]
    public void Binpack_scores_with_most_allocated()
    {
        var profile = new SchedulerOptions().Build(SchedulerOptions.BinPack, Filters, Scores);

        Assert.Equal(["NodeResourcesMostAllocated", "TaintTolerationScore", "NodeAffinityScore"], profile.Scores.Select(s => s.Plugin.Name));
    }

    public static TheoryData<string, ProfileOptions, string> InvalidProfiles => new()
    {
        {
            "unknown filter",
            new ProfileOptions { Filters = ["NodeResourcesFit", "NodeAfinity"] },
            "Scheduler profile 'custom' names unknown filter plugin 'NodeAfinity'; known filter plugins: NodeAffinity, NodePorts, NodeReady, NodeResourcesFit, NodeUnschedulable, TaintToleration, VolumeBinding."
        },
        {
            "unknown score",
            new ProfileOptions { Scores = [new() { Name = "LeastAllocated" }] },
            "Scheduler profile 'custom' names unknown score plugin 'LeastAllocated'; known score plugins: NodeAffinityScore, NodeResourcesLeastAllocated, NodeResourcesMostAllocated, OwnerSpread, TaintTolerationScore."
        },
        {
            "weight below 1",
            new ProfileOptions { Scores = [new() { Name = "OwnerSpread", Weight = 0 }] },
            "Scheduler profile 'custom' gives score plugin 'OwnerSpread' weight 0; weights must be at least 1."
        },
        {
            "a plugin twice",
            new ProfileOptions { Filters = ["NodePorts", "NodePorts"] },
            "Scheduler profile 'custom' names filter plugin 'NodePorts' more than once."
        },
    };

    [Theory]
    [MemberData(nameof(InvalidProfiles))]
    public void An_invalid_profile_fails_to_build_with_a_message_that_names_the_problem(string description, ProfileOptions profile, string message)
    {
        var options = new SchedulerOptions { Profiles = { ["custom"] = profile } };

        var error = Assert.Throws<InvalidOperationException>(() => options.Build("custom", Filters, Scores));

        Assert.True(message == error.Message, $"{description}: {error.Message}");
    }

    [Fact]
    public void An_unknown_profile_name_fails_and_lists_the_known_profiles()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SchedulerOptions().Build("packed", Filters, Scores));

        Assert.Equal("Scheduler profile 'packed' is not defined; known profiles: binpack, spread.", error.Message);
    }

    [Fact]
    public void The_active_profile_comes_from_configuration()
    {
        using var services = Provider(new()
        {
            ["Scheduler:Profile"] = "gpu",
            ["Scheduler:Profiles:gpu:Filters:0"] = "NodeAffinity",
            ["Scheduler:Profiles:gpu:Filters:1"] = "NodeResourcesFit",
            ["Scheduler:Profiles:gpu:Scores:0:Name"] = "NodeResourcesMostAllocated",
            ["Scheduler:Profiles:gpu:Scores:0:Weight"] = "3",
        });

        var profile = services.GetRequiredService<SchedulingProfile>();

        Assert.Equal("gpu", profile.Name);
        Assert.Equal(["NodeAffinity", "NodeResourcesFit"], profile.Filters.Select(f => f.Name));
        Assert.Equal("NodeResourcesMostAllocated", Assert.Single(profile.Scores).Plugin.Name);
        Assert.Equal(3, profile.Scores[0].Weight);
    }

    [Fact]
    public void Without_configuration_the_spread_profile_is_active_with_every_builtin_plugin_registered()
    {
        using var services = Provider([]);

        Assert.Equal(SchedulerOptions.Spread, services.GetRequiredService<SchedulingProfile>().Name);
        Assert.Equal(6, services.GetServices<IFilterPlugin>().Count());
        Assert.Equal(5, services.GetServices<IScorePlugin>().Count());
    }

    [Fact]
    public void Registering_the_framework_twice_registers_each_plugin_once()
    {
        var collection = new ServiceCollection().AddSchedulingFramework().AddSchedulingFramework();

        Assert.Equal(6, collection.Count(d => d.ServiceType == typeof(IFilterPlugin)));
    }

    [Fact]
    public void An_unknown_plugin_in_configuration_fails_at_start()
    {
        using var services = Provider(new()
        {
            ["Scheduler:Profiles:spread:Scores:0:Name"] = "SelectorSpread",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Scheduler profile 'spread' names unknown score plugin 'SelectorSpread'; known score plugins: ", error.Message);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddSchedulingFramework()
        .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
}
