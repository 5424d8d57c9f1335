namespace EventOrch.Scheduler.Framework;

/// <summary>One way of placing pods: filters run in order, then weighted score plugins rank the nodes that passed.</summary>
public sealed record SchedulingProfile(string Name, IReadOnlyList<IFilterPlugin> Filters, IReadOnlyList<WeightedScorePlugin> Scores);

/// <summary>A score plugin and how many times its 0..100 score counts in a profile's sum.</summary>
public sealed record WeightedScorePlugin(IScorePlugin Plugin, int Weight);
