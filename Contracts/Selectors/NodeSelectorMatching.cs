using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Selectors;

/// <summary>Node selector terms against a node, as Kubernetes' component-helpers nodeaffinity package (a pod's node
/// affinity, a volume's node affinity).</summary>
public static class NodeSelectorMatching
{
    private const string NameField = "metadata.name";

    /// <summary>spec.nodeSelector: every label must be on the node with that value.</summary>
    public static bool MatchesNodeSelector(IReadOnlyDictionary<string, string>? selector, Node node)
    {
        if (selector is null || selector.Count == 0) return true;
        var labels = node.Metadata.Labels;
        return labels is not null && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);
    }

    /// <summary>Whether a persistent volume can be reached from the node: its required node affinity matches (a volume
    /// with none is reachable from every node).</summary>
    public static bool VolumeAllows(PersistentVolume volume, Node node) =>
        volume.Spec.NodeAffinity?.Required is not { } required || MatchesAnyTerm(required.NodeSelectorTerms, node);

    /// <summary>Terms are ORed; an empty list matches no node.</summary>
    public static bool MatchesAnyTerm(IEnumerable<NodeSelectorTerm> terms, Node node) => terms.Any(t => MatchesTerm(t, node));

    /// <summary>Expressions and fields are ANDed. An empty term, or one that does not parse, matches no node
    /// (Kubernetes ignores such terms rather than failing the pod).</summary>
    public static bool MatchesTerm(NodeSelectorTerm term, Node node)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0) return false;
        foreach (var expression in expressions)
        {
            if (!TryParse(expression, out var requirement) || !requirement.Matches(node.Metadata.Labels)) return false;
        }
        foreach (var field in fields)
        {
            if (!MatchesField(field, node)) return false;
        }
        return true;
    }

    private static bool TryParse(NodeSelectorRequirement expression, out LabelRequirement requirement)
    {
        requirement = null!;
        LabelOperator? op = expression.Operator switch
        {
            "In" => LabelOperator.In,
            "NotIn" => LabelOperator.NotIn,
            "Exists" => LabelOperator.Exists,
            "DoesNotExist" => LabelOperator.DoesNotExist,
            "Gt" => LabelOperator.GreaterThan,
            "Lt" => LabelOperator.LessThan,
            _ => null,
        };
        return op is not null && LabelSelector.TryCreate(expression.Key, op.Value, expression.Values ?? [], out requirement, out _);
    }

    // Only metadata.name is a node field selector key, with In or NotIn and exactly one value.
    private static bool MatchesField(NodeSelectorRequirement field, Node node)
    {
        if (field.Key != NameField || field.Values is not [var value]) return false;
        return field.Operator switch
        {
            "In" => node.Metadata.Name == value,
            "NotIn" => node.Metadata.Name != value,
            _ => false,
        };
    }
}
