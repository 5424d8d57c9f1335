using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;
using EventOrch.Controllers.Workloads;

namespace EventOrch.Tests.Unit.Validation;

public class DeploymentValidationTests
{
    private static Deployment Valid(RollingUpdateDeployment? rolling = null, string type = DeploymentStrategyTypes.RollingUpdate, int replicas = 4) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
            Strategy = new DeploymentStrategy
            {
                Type = type,
                RollingUpdate = type == DeploymentStrategyTypes.Recreate ? null : rolling ?? new RollingUpdateDeployment { MaxSurge = "25%", MaxUnavailable = "25%" },
            },
            RevisionHistoryLimit = 10,
            ProgressDeadlineSeconds = 600,
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "i" }] },
            },
        },
    };

    private static IEnumerable<string> Fields(Deployment d) => DeploymentValidation.ValidateCreate(d).Select(e => e.Field);

    [Fact]
    public void A_valid_deployment_and_a_valid_recreate_have_no_errors()
    {
        Assert.Empty(DeploymentValidation.ValidateCreate(Valid()));
        Assert.Empty(DeploymentValidation.ValidateCreate(Valid(type: DeploymentStrategyTypes.Recreate)));
    }

    [Fact]
    public void Negative_replicas_and_a_selector_that_misses_the_template_are_errors()
    {
        Assert.Contains("spec.replicas", Fields(Valid(replicas: -1)));
        var d = Valid();
        var mismatched = d with { Spec = d.Spec with { Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "other" } } } };
        Assert.Contains("spec.template.metadata.labels", Fields(mismatched));
    }

    [Fact]
    public void Surge_and_unavailability_may_not_both_be_zero_and_must_be_numbers_or_percentages()
    {
        var zero = DeploymentValidation.ValidateCreate(Valid(new RollingUpdateDeployment { MaxSurge = 0, MaxUnavailable = "0%" }));
        var error = Assert.Single(zero);
        Assert.Equal(("spec.strategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0"), (error.Field, error.Detail));

        Assert.Contains("spec.strategy.rollingUpdate.maxSurge", Fields(Valid(new RollingUpdateDeployment { MaxSurge = "lots", MaxUnavailable = 1 })));
        Assert.Contains("spec.strategy.rollingUpdate.maxSurge", Fields(Valid(new RollingUpdateDeployment { MaxSurge = -1, MaxUnavailable = 1 })));
        Assert.Contains("spec.strategy.rollingUpdate.maxUnavailable", Fields(Valid(new RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = "150%" })));
    }

    [Fact]
    public void Recreate_takes_no_rolling_update_and_an_unknown_strategy_is_not_supported()
    {
        var d = Valid(type: DeploymentStrategyTypes.Recreate);
        var withRolling = d with { Spec = d.Spec with { Strategy = d.Spec.Strategy! with { RollingUpdate = new RollingUpdateDeployment { MaxSurge = 1 } } } };
        Assert.Contains("spec.strategy.rollingUpdate", Fields(withRolling));
        Assert.Contains("spec.strategy.type", Fields(d with { Spec = d.Spec with { Strategy = new DeploymentStrategy { Type = "BlueGreen" } } }));
    }

    [Fact]
    public void The_progress_deadline_must_exceed_min_ready_seconds()
    {
        var d = Valid();
        Assert.Contains("spec.progressDeadlineSeconds", Fields(d with { Spec = d.Spec with { MinReadySeconds = 30, ProgressDeadlineSeconds = 30 } }));
        Assert.Contains("spec.revisionHistoryLimit", Fields(d with { Spec = d.Spec with { RevisionHistoryLimit = -1 } }));
    }

    [Theory]
    [InlineData(10, "25%", "25%", 3, 2)]
    [InlineData(4, 1, "25%", 1, 1)]
    [InlineData(3, "0%", "0%", 0, 1)]
    [InlineData(1, "25%", "25%", 1, 0)]
    public void Surge_rounds_up_and_unavailability_rounds_down(int replicas, object surge, object unavailable, int expectedSurge, int expectedUnavailable)
    {
        static IntOrString Value(object o) => o is int i ? i : (string)o;
        var d = Valid(new RollingUpdateDeployment { MaxSurge = Value(surge), MaxUnavailable = Value(unavailable) }, replicas: replicas);
        Assert.Equal((expectedSurge, expectedUnavailable), DeploymentController.Fenceposts(d));
    }

    [Fact]
    public void The_template_hash_ignores_key_order_and_changes_with_the_collision_count()
    {
        var a = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["a"] = "1", ["b"] = "2" } } };
        var b = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["b"] = "2", ["a"] = "1" } } };
        Assert.Equal(DeploymentController.TemplateHash(a, null), DeploymentController.TemplateHash(b, null));
        Assert.NotEqual(DeploymentController.TemplateHash(a, null), DeploymentController.TemplateHash(a, 1));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]+$", DeploymentController.TemplateHash(a, null));
    }
}
