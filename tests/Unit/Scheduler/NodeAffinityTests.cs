using EventOrch.Contracts.Model;
using static EventOrch.Tests.Unit.Scheduler.SchedulingObjects;
using NodeAffinityPlugin = EventOrch.Scheduler.Plugins.NodeAffinity;

namespace EventOrch.Tests.Unit.Scheduler;

public sealed class NodeAffinityTests
{
    private static readonly Node LabelledNode = Node("node-1").WithLabels(("zone", "a"), ("gpu", "true"), ("cores", "8"));

    public static TheoryData<string, Pod, bool> Cases => new()
    {
        { "no selector and no affinity", Pod(), true },
        { "node selector matches", WithSelector(("zone", "a"), ("gpu", "true")), true },
        { "node selector value differs", WithSelector(("zone", "a"), ("gpu", "false")), false },
        { "node selector label missing", WithSelector(("disk", "ssd")), false },
        { "In matches", Required(Term(Requirement("zone", "In", "b,a"))), true },
        { "In does not match", Required(Term(Requirement("zone", "In", "b,c"))), false },
        { "NotIn on a missing label", Required(Term(Requirement("disk", "NotIn", "hdd"))), true },
        { "NotIn on a listed value", Required(Term(Requirement("zone", "NotIn", "a"))), false },
        { "Exists", Required(Term(Requirement("gpu", "Exists"))), true },
        { "Exists on a missing label", Required(Term(Requirement("disk", "Exists"))), false },
        { "DoesNotExist", Required(Term(Requirement("disk", "DoesNotExist"))), true },
        { "DoesNotExist on a present label", Required(Term(Requirement("gpu", "DoesNotExist"))), false },
        { "Gt below the value", Required(Term(Requirement("cores", "Gt", "4"))), true },
        { "Gt at the value", Required(Term(Requirement("cores", "Gt", "8"))), false },
        { "Lt above the value", Required(Term(Requirement("cores", "Lt", "10"))), true },
        { "Gt with a value that is not an integer", Required(Term(Requirement("cores", "Gt", "many"))), false },
        { "Gt on a label that is not an integer", Required(Term(Requirement("zone", "Gt", "1"))), false },
        { "unknown operator", Required(Term(Requirement("zone", "Equals", "a"))), false },
        { "expressions are ANDed", Required(Term(Requirement("zone", "In", "a"), Requirement("gpu", "DoesNotExist"))), false },
        { "terms are ORed", Required(Term(Requirement("zone", "In", "b")), Term(Requirement("gpu", "Exists"))), true },
        { "no terms", Required(), false },
        { "an empty term", Required(new NodeSelectorTerm()), false },
        { "matchFields on the node name", Required(FieldTerm(Requirement("metadata.name", "In", "node-1"))), true },
        { "matchFields on another name", Required(FieldTerm(Requirement("metadata.name", "In", "node-2"))), false },
        { "matchFields NotIn the node name", Required(FieldTerm(Requirement("metadata.name", "NotIn", "node-1"))), false },
        { "matchFields with an unsupported field", Required(FieldTerm(Requirement("metadata.uid", "In", "node-1"))), false },
        { "matchFields with two values", Required(FieldTerm(Requirement("metadata.name", "In", "node-1,node-2"))), false },
        {
            "expressions and fields of a term are ANDed",
            Required(Term(Requirement("zone", "In", "a")) with { MatchFields = [Requirement("metadata.name", "In", "node-2")] }),
            false
        },
        {
            "node selector and affinity must both match",
            Required(Term(Requirement("zone", "In", "a"))).WithSpec(s => s with { NodeSelector = new() { ["gpu"] = "false" } }),
            false
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Node_selector_and_required_node_affinity_decide_the_fit(string description, Pod pod, bool fits)
    {
        var result = new NodeAffinityPlugin().Filter(pod, LabelledNode.Info());

        Assert.True(fits == result.Fits, description);
        Assert.Equal(fits ? null : "node(s) didn't match Pod's node affinity/selector", result.Reason);
    }

    internal static NodeSelectorTerm Term(params NodeSelectorRequirement[] expressions) => new() { MatchExpressions = [.. expressions] };

    private static NodeSelectorTerm FieldTerm(params NodeSelectorRequirement[] fields) => new() { MatchFields = [.. fields] };

    private static Pod WithSelector(params (string Key, string Value)[] labels) =>
        Pod().WithSpec(s => s with { NodeSelector = labels.ToDictionary(l => l.Key, l => l.Value) });

    private static Pod Required(params NodeSelectorTerm[] terms) => Pod().WithSpec(s => s with
    {
        Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [.. terms] } },
        },
    });
}
