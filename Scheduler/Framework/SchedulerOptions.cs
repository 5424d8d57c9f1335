using EventOrch.Scheduler.Plugins;

namespace EventOrch.Scheduler.Framework;

/// <summary>Which scheduling profile is active and what profiles there are (configuration section "Scheduler").</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";
    public const string Spread = "spread";
    public const string BinPack = "binpack";

    /// <summary>The filters of a profile that names none, in the order they run; other registered filters follow.</summary>
    public static IReadOnlyList<string> DefaultFilterOrder { get; } =
    [
        NodeUnschedulable.PluginName,
        NodeReady.PluginName,
        TaintToleration.PluginName,
        NodeAffinity.PluginName,
        NodePorts.PluginName,
        NodeResourcesFit.PluginName,
        VolumeBinding.PluginName,
    ];

    /// <summary>The name of the active profile.</summary>
    public const string DefaultSchedulerName = "default-scheduler";

    /// <summary>This scheduler places the pods whose spec.schedulerName is this name.</summary>
    public string SchedulerName { get; set; } = DefaultSchedulerName;

    public string Profile { get; set; } = Spread;

    /// <summary>Profiles by name; one named like a built-in profile ("spread", "binpack") replaces it.</summary>
    public Dictionary<string, ProfileOptions> Profiles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The built-in profiles; new instances on every call, so binding never changes them.</summary>
    public static IReadOnlyDictionary<string, ProfileOptions> BuiltInProfiles() => new Dictionary<string, ProfileOptions>(StringComparer.OrdinalIgnoreCase)
    {
        [Spread] = new()
        {
            Scores =
            [
                new() { Name = NodeResourcesLeastAllocated.PluginName, Weight = 1 },
                new() { Name = OwnerSpread.PluginName, Weight = 2 },
                new() { Name = TaintTolerationScore.PluginName, Weight = 1 },
                new() { Name = NodeAffinityScore.PluginName, Weight = 1 },
            ],
        },
        [BinPack] = new()
        {
            Scores =
            [
                new() { Name = NodeResourcesMostAllocated.PluginName, Weight = 1 },
                new() { Name = TaintTolerationScore.PluginName, Weight = 1 },
                new() { Name = NodeAffinityScore.PluginName, Weight = 1 },
            ],
        },
    };

    /// <summary>Every profile name: the configured ones and the built-in ones.</summary>
    public IReadOnlyList<string> ProfileNames() =>
        Profiles.Keys.Concat(BuiltInProfiles().Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    /// <summary>The profile named <paramref name="name"/> made of the given plugins.</summary>
    /// <exception cref="InvalidOperationException">The profile is not defined, or it names a plugin that is not
    /// registered, twice, or with a weight below 1; the message says which and lists the known names.</exception>
    public SchedulingProfile Build(string name, IEnumerable<IFilterPlugin> filters, IEnumerable<IScorePlugin> scores)
    {
        var definition = Profiles.GetValueOrDefault(name) ?? BuiltInProfiles().GetValueOrDefault(name)
            ?? throw new InvalidOperationException(
                $"Scheduler profile '{name}' is not defined; known profiles: {string.Join(", ", ProfileNames())}.");
        var filtersByName = ByName(filters, f => f.Name);
        var scoresByName = ByName(scores, s => s.Name);

        var filterNames = definition.Filters is { Count: > 0 } configured
            ? configured
            : DefaultFilterOrder.Where(filtersByName.ContainsKey).Concat(filtersByName.Keys.Except(DefaultFilterOrder)).ToList();
        RejectDuplicates(name, "filter", filterNames);
        RejectDuplicates(name, "score", definition.Scores.Select(s => s.Name).ToList());

        var chosenFilters = filterNames.Select(f => Find(name, "filter", f, filtersByName)).ToList();
        var chosenScores = definition.Scores.Select(s => s.Weight >= 1
                ? new WeightedScorePlugin(Find(name, "score", s.Name, scoresByName), s.Weight)
                : throw new InvalidOperationException($"Scheduler profile '{name}' gives score plugin '{s.Name}' weight {s.Weight}; weights must be at least 1."))
            .ToList();
        return new SchedulingProfile(name, chosenFilters, chosenScores);
    }

    // The first registration of a name wins, as the first of two equal TryAdd registrations would.
    private static Dictionary<string, T> ByName<T>(IEnumerable<T> plugins, Func<T, string> name)
    {
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var plugin in plugins) byName.TryAdd(name(plugin), plugin);
        return byName;
    }

    private static T Find<T>(string profile, string kind, string plugin, Dictionary<string, T> known) =>
        known.TryGetValue(plugin, out var found)
            ? found
            : throw new InvalidOperationException(
                $"Scheduler profile '{profile}' names unknown {kind} plugin '{plugin}'; known {kind} plugins: {string.Join(", ", known.Keys.Order(StringComparer.Ordinal))}.");

    private static void RejectDuplicates(string profile, string kind, IReadOnlyList<string> names)
    {
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Scheduler profile '{profile}' names {kind} plugin '{duplicate.Key}' more than once.");
        }
    }
}

/// <summary>One profile in configuration: its filters (all when omitted) and weighted score plugins.</summary>
public sealed class ProfileOptions
{
    /// <summary>Filter plugin names in the order they run; when omitted or empty, every registered filter.</summary>
    public List<string>? Filters { get; set; }

    public List<ScorePluginOptions> Scores { get; set; } = [];
}

/// <summary>A score plugin of a profile and its weight.</summary>
public sealed class ScorePluginOptions
{
    public string Name { get; set; } = "";
    public int Weight { get; set; } = 1;
}
