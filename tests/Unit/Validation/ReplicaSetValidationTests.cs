using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public class ReplicaSetValidationTests
{
    private static ReplicaSet Valid(LabelSelectorSpec? selector = null) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new ReplicaSetSpec
        {
            Replicas = 2,
            Selector = selector ?? new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web", ["track"] = "stable" } },
                Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "i" }] },
            },
        },
    };

    [Fact]
    public void A_valid_replica_set_has_no_errors() => Assert.Empty(ReplicaSetValidation.ValidateCreate(Valid()));

    [Fact]
    public void Match_expressions_are_evaluated_against_the_template_labels()
    {
        var fits = new LabelSelectorSpec
        {
            MatchExpressions = [new LabelSelectorRequirement { Key = "track", Operator = "In", Values = ["stable", "canary"] }],
        };
        var misses = new LabelSelectorSpec { MatchExpressions = [new LabelSelectorRequirement { Key = "track", Operator = "DoesNotExist" }] };

        Assert.Empty(ReplicaSetValidation.ValidateCreate(Valid(fits)));
        Assert.Contains(ReplicaSetValidation.ValidateCreate(Valid(misses)), e => e.Field == "spec.template.metadata.labels");
    }

    [Fact]
    public void An_unknown_operator_and_an_empty_selector_are_errors_on_the_selector()
    {
        var unknown = new LabelSelectorSpec { MatchExpressions = [new LabelSelectorRequirement { Key = "app", Operator = "Near", Values = ["web"] }] };

        Assert.Contains(ReplicaSetValidation.ValidateCreate(Valid(unknown)), e => e.Field == "spec.selector" && e.Detail.Contains("Near"));
        Assert.Contains(ReplicaSetValidation.ValidateCreate(Valid(new LabelSelectorSpec())), e => e.Field == "spec.selector" && e.Detail == "empty selector is invalid for deployment");
    }

    [Fact]
    public void Template_pod_spec_errors_carry_the_template_path()
    {
        var rs = Valid();
        rs = rs with { Spec = rs.Spec with { Template = rs.Spec.Template! with { Spec = new PodSpec { Containers = [new Container { Name = "Bad_Name", Image = "i" }] } } } };

        Assert.Contains(ReplicaSetValidation.ValidateCreate(rs), e => e.Field == "spec.template.spec.containers[0].name");
    }

    [Fact]
    public void Negative_status_counts_are_refused() =>
        Assert.Contains(ReplicaSetValidation.ValidateStatus(new ReplicaSetStatus { Replicas = 1, ReadyReplicas = -1 }), e => e.Field == "status.readyReplicas");
}
