using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;
using static EventOrch.Tests.Unit.Validation.TestPods;

namespace EventOrch.Tests.Unit.Validation;

public sealed class PodUpdateValidationTests
{
    private const string ForbiddenPrefix =
        "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`," +
        "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations)," +
        "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    private static readonly Pod Old = Valid() with
    {
        Metadata = Valid().Metadata with { Uid = "u1", ResourceVersion = "7" },
        Spec = Valid().Spec with
        {
            Containers = [Container() with { Ports = [new ContainerPort { Number = 80 }], Resources = Resources("cpu=0.5") }],
            Tolerations = [new Toleration { Key = "k", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 10 }],
            ActiveDeadlineSeconds = 100,
        },
    };

    private static List<string> Errors(Pod updated) => PodValidation.ValidateUpdate(Old, updated).Select(e => e.Message).ToList();

    private static Pod WithSpec(Func<PodSpec, PodSpec> change) => Old with { Spec = change(Old.Spec) };

    [Fact]
    public void An_unchanged_pod_is_a_valid_update() => Assert.Empty(Errors(Old));

    [Fact]
    public void Labels_and_annotations_may_change() =>
        Assert.Empty(Errors(Old with { Metadata = Old.Metadata with { Labels = new() { ["app"] = "api" }, Annotations = new() { ["note"] = "x" } } }));

    [Fact]
    public void Container_images_may_change()
    {
        var updated = WithSpec(s => s with { Containers = [s.Containers[0] with { Image = "nginx:1.28" }] });

        Assert.Empty(Errors(updated));
    }

    [Fact]
    public void The_deadline_may_only_shrink()
    {
        Assert.Empty(Errors(WithSpec(s => s with { ActiveDeadlineSeconds = 50 })));
        Assert.Equal(["spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value"], Errors(WithSpec(s => s with { ActiveDeadlineSeconds = 200 })));
        Assert.Equal(["spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value"], Errors(WithSpec(s => s with { ActiveDeadlineSeconds = null })));
    }

    [Fact]
    public void Tolerations_may_be_added_and_their_seconds_changed()
    {
        var added = new Toleration { Key = "other", Operator = "Exists" };

        Assert.Empty(Errors(WithSpec(s => s with { Tolerations = [s.Tolerations![0] with { TolerationSeconds = 60 }, added] })));
    }

    [Fact]
    public void An_existing_toleration_may_not_be_removed_or_modified()
    {
        var errors = Errors(WithSpec(s => s with { Tolerations = [s.Tolerations![0] with { Key = "changed" }] }));

        Assert.Equal(["spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"], errors);
    }

    [Fact]
    public void Any_other_spec_change_is_one_forbidden_error_on_spec()
    {
        var updated = WithSpec(s => s with { RestartPolicy = "Never", Containers = [s.Containers[0] with { Ports = [new ContainerPort { Number = 81 }] }] });

        var error = Assert.Single(Errors(updated));

        Assert.StartsWith(ForbiddenPrefix, error);
        Assert.EndsWith("changed: spec.containers[0].ports[0].containerPort, spec.restartPolicy", error);
    }

    [Fact]
    public void The_node_name_cannot_be_set_by_an_update() =>
        Assert.StartsWith(ForbiddenPrefix, Assert.Single(Errors(WithSpec(s => s with { NodeName = "node-a" }))));

    [Fact]
    public void Containers_cannot_be_added_or_removed() =>
        Assert.Equal(["spec.containers: Forbidden: pod updates may not add or remove containers"], Errors(WithSpec(s => s with { Containers = [.. s.Containers, Container("sidecar")] })));

    [Fact]
    public void Empty_lists_and_equal_quantities_are_not_changes()
    {
        var updated = WithSpec(s => s with { Volumes = [], NodeSelector = [], Containers = [s.Containers[0] with { Resources = Resources("cpu=500m"), Env = [] }] });

        Assert.Empty(Errors(updated));
    }

    [Fact]
    public void The_new_pod_is_validated_as_a_whole() =>
        Assert.Contains("spec.containers[0].image: Required value", Errors(WithSpec(s => s with { Containers = [s.Containers[0] with { Image = "" }] })));

    [Fact]
    public void Metadata_identity_is_immutable() =>
        Assert.Equal(["metadata.name: Invalid value: \"api\": field is immutable"], Errors(Old with { Metadata = Old.Metadata with { Name = "api" } }));
}
