using EventOrch.Contracts.Model;

namespace EventOrch.Scheduler.Plugins;

/// <summary>Node selector terms against a node: the shared matching in <see cref="Contracts.Selectors.NodeSelectorMatching"/>
/// (volumes' node affinity uses it too).</summary>
internal static class NodeSelectorMatching
{
    public static bool MatchesNodeSelector(IReadOnlyDictionary<string, string>? selector, Node node) =>
        Contracts.Selectors.NodeSelectorMatching.MatchesNodeSelector(selector, node);

    public static bool MatchesAnyTerm(IEnumerable<NodeSelectorTerm> terms, Node node) => Contracts.Selectors.NodeSelectorMatching.MatchesAnyTerm(terms, node);

    public static bool MatchesTerm(NodeSelectorTerm term, Node node) => Contracts.Selectors.NodeSelectorMatching.MatchesTerm(term, node);
}
