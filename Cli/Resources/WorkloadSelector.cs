using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Resources;

/// <summary>The label selector of a workload's pods (spec.selector), by which its pods and ReplicaSets are listed and
/// watched rather than the whole namespace's.</summary>
public static class WorkloadSelector
{
    /// <summary>A LabelSelector (matchLabels, matchExpressions), or a ReplicationController's map; null when the workload
    /// has none.</summary>
    public static LabelSelector? Of(JsonObject workload)
    {
        if (workload["spec"]?["selector"] is not JsonObject obj) return null;
        if (obj.ContainsKey("matchLabels") || obj.ContainsKey("matchExpressions"))
            return LabelSelectorSpec.SelectorOf(obj.Deserialize<LabelSelectorSpec>(KubeJson.Options));
        return LabelSelector.OfLabels(obj.Deserialize<Dictionary<string, string>>(KubeJson.Options));
    }

    /// <summary>The selector as a labelSelector query value; null (the whole namespace) when there is none.</summary>
    public static string? QueryOf(JsonObject workload) => Of(workload)?.ToString() is { Length: > 0 } text ? text : null;
}
