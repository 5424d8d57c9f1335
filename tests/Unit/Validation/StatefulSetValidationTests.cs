using EventOrch.Api.Resources;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public sealed class StatefulSetValidationTests
{
    private static StatefulSet Valid() => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = StatefulSetDefinition.DefaultSpec(new StatefulSetSpec
        {
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
            ServiceName = "web",
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec
                {
                    Containers = [new Container { Name = "c", Image = "i", VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }] }],
                },
            },
            VolumeClaimTemplates =
            [
                new PersistentVolumeClaim
                {
                    Metadata = new ObjectMeta { Name = "data" },
                    Spec = new PersistentVolumeClaimSpec
                    {
                        AccessModes = ["ReadWriteOnce"],
                        Resources = new ResourceRequirements { Requests = new() { ["storage"] = "1Gi" } },
                    },
                },
            ],
        }),
    };

    private static StatefulSet WithSpec(Func<StatefulSetSpec, StatefulSetSpec> change)
    {
        var sts = Valid();
        return sts with { Spec = change(sts.Spec) };
    }

    public static TheoryData<string, StatefulSet, string, string> BadCreates => new()
    {
        { "a name that is no DNS label", Valid() with { Metadata = new ObjectMeta { Name = "web.v1", Namespace = "default" } }, "metadata.name", "Invalid value" },
        { "negative replicas", WithSpec(s => s with { Replicas = -1 }), "spec.replicas", "must be greater than or equal to 0" },
        { "negative minReadySeconds", WithSpec(s => s with { MinReadySeconds = -1 }), "spec.minReadySeconds", "must be greater than or equal to 0" },
        { "negative revisionHistoryLimit", WithSpec(s => s with { RevisionHistoryLimit = -1 }), "spec.revisionHistoryLimit", "must be greater than or equal to 0" },
        { "a negative first ordinal", WithSpec(s => s with { Ordinals = new StatefulSetOrdinals { Start = -2 } }), "spec.ordinals.start", "must be greater than or equal to 0" },
        { "an unknown pod management policy", WithSpec(s => s with { PodManagementPolicy = "Random" }), "spec.podManagementPolicy", "must be 'OrderedReady' or 'Parallel'" },
        { "an unknown update strategy", WithSpec(s => s with { UpdateStrategy = new StatefulSetUpdateStrategy { Type = "Recreate" } }), "spec.updateStrategy", "must be 'RollingUpdate' or 'OnDelete'" },
        {
            "OnDelete with a rolling update",
            WithSpec(s => s with { UpdateStrategy = new StatefulSetUpdateStrategy { Type = "OnDelete", RollingUpdate = new RollingUpdateStatefulSetStrategy { Partition = 1 } } }),
            "spec.updateStrategy.rollingUpdate", "only allowed for updateStrategy 'RollingUpdate'"
        },
        {
            "a negative partition",
            WithSpec(s => s with { UpdateStrategy = new StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateStatefulSetStrategy { Partition = -1 } } }),
            "spec.updateStrategy.rollingUpdate.partition", "must be greater than or equal to 0"
        },
        {
            "a maxUnavailable of zero",
            WithSpec(s => s with { UpdateStrategy = new StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateStatefulSetStrategy { MaxUnavailable = 0 } } }),
            "spec.updateStrategy.rollingUpdate.maxUnavailable", "cannot be 0"
        },
        {
            "a maxUnavailable above 100%",
            WithSpec(s => s with { UpdateStrategy = new StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateStatefulSetStrategy { MaxUnavailable = "150%" } } }),
            "spec.updateStrategy.rollingUpdate.maxUnavailable", "must not be greater than 100%"
        },
        {
            "an unknown retention policy",
            WithSpec(s => s with { PersistentVolumeClaimRetentionPolicy = new StatefulSetPersistentVolumeClaimRetentionPolicy { WhenDeleted = "Retain", WhenScaled = "Keep" } }),
            "spec.persistentVolumeClaimRetentionPolicy.whenScaled", "Unsupported value: \"Keep\""
        },
        { "no selector", WithSpec(s => s with { Selector = null }), "spec.selector", "Required value" },
        { "an empty selector", WithSpec(s => s with { Selector = new LabelSelectorSpec() }), "spec.selector", "empty selector is invalid for statefulset" },
        {
            "a selector that misses the template",
            WithSpec(s => s with { Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "db" } } }),
            "spec.template.metadata.labels", "`selector` does not match template `labels`"
        },
        {
            "pods that do not restart Always",
            WithSpec(s => s with { Template = s.Template! with { Spec = s.Template.Spec with { RestartPolicy = "OnFailure" } } }),
            "spec.template.spec.restartPolicy", "Unsupported value: \"OnFailure\""
        },
        {
            "an active deadline",
            WithSpec(s => s with { Template = s.Template! with { Spec = s.Template.Spec with { ActiveDeadlineSeconds = 30 } } }),
            "spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in StatefulSet is not Supported"
        },
        {
            "a mount of neither a volume nor a claim template",
            WithSpec(s => s with { VolumeClaimTemplates = [] }),
            "spec.template.spec.containers[0].volumeMounts[0].name", "Not found: \"data\""
        },
        {
            "a pod template hostname that is no DNS label",
            WithSpec(s => s with { Template = s.Template! with { Spec = s.Template.Spec with { Hostname = "Web_0" } } }),
            "spec.template.spec.hostname", "Invalid value"
        },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public void A_statefulset_that_breaks_a_rule_is_refused_naming_the_field(string rule, StatefulSet sts, string field, string message)
    {
        var errors = StatefulSetValidation.ValidateCreate(sts);

        Assert.True(errors.Any(e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal)),
            $"{rule}: expected {field} ({message}), got: {string.Join("; ", errors.Select(e => e.Message))}");
    }

    [Fact]
    public void A_defaulted_statefulset_whose_containers_mount_a_claim_template_is_valid()
    {
        Assert.Empty(StatefulSetValidation.ValidateCreate(Valid()));
    }

    public static TheoryData<string, Func<StatefulSetSpec, StatefulSetSpec>> MutableChanges => new()
    {
        { "replicas", s => s with { Replicas = 5 } },
        { "ordinals", s => s with { Ordinals = new StatefulSetOrdinals { Start = 3 } } },
        { "template", s => s with { Template = s.Template! with { Spec = s.Template.Spec with { Containers = [s.Template.Spec.Containers[0] with { Image = "i:2" }] } } } },
        { "updateStrategy", s => s with { UpdateStrategy = new StatefulSetUpdateStrategy { Type = "OnDelete" } } },
        { "revisionHistoryLimit", s => s with { RevisionHistoryLimit = 3 } },
        { "persistentVolumeClaimRetentionPolicy", s => s with { PersistentVolumeClaimRetentionPolicy = new() { WhenDeleted = "Delete", WhenScaled = "Delete" } } },
        { "minReadySeconds", s => s with { MinReadySeconds = 10 } },
    };

    [Theory]
    [MemberData(nameof(MutableChanges))]
    public void The_fields_kubernetes_lets_change_may_change(string field, Func<StatefulSetSpec, StatefulSetSpec> change)
    {
        var old = Valid();

        var errors = StatefulSetValidation.ValidateUpdate(old, old with { Spec = change(old.Spec) });

        Assert.True(errors.Count == 0, $"{field}: {string.Join("; ", errors.Select(e => e.Message))}");
    }

    public static TheoryData<string, Func<StatefulSetSpec, StatefulSetSpec>> ImmutableChanges => new()
    {
        { "serviceName", s => s with { ServiceName = "other" } },
        { "podManagementPolicy", s => s with { PodManagementPolicy = "Parallel" } },
        { "volumeClaimTemplates", s => s with { VolumeClaimTemplates = [s.VolumeClaimTemplates![0] with { Spec = s.VolumeClaimTemplates[0].Spec with { StorageClassName = "fast" } }] } },
        { "selector", s => s with { Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web", ["tier"] = "x" } }, Template = s.Template! with { Metadata = new ObjectMeta { Labels = new() { ["app"] = "web", ["tier"] = "x" } } } } },
    };

    [Theory]
    [MemberData(nameof(ImmutableChanges))]
    public void Any_other_spec_change_is_forbidden_with_kubernetes_message(string field, Func<StatefulSetSpec, StatefulSetSpec> change)
    {
        var old = Valid();

        var errors = StatefulSetValidation.ValidateUpdate(old, old with { Spec = change(old.Spec) });

        var error = Assert.Single(errors);
        Assert.Equal("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', " +
            "'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden", error.Message);
        Assert.False(string.IsNullOrEmpty(field));
    }

    [Theory]
    [InlineData(3, 4, 0, 0, 0, "status.readyReplicas", "cannot be greater than status.replicas")]
    [InlineData(3, 2, 3, 0, 0, "status.availableReplicas", "cannot be greater than status.readyReplicas")]
    [InlineData(3, 3, 0, 4, 0, "status.currentReplicas", "cannot be greater than status.replicas")]
    [InlineData(3, 3, 0, 0, -1, "status.updatedReplicas", "must be greater than or equal to 0")]
    public void A_status_with_impossible_counts_is_refused(int replicas, int ready, int available, int current, int updated, string field, string message)
    {
        var status = new StatefulSetStatus { Replicas = replicas, ReadyReplicas = ready, AvailableReplicas = available, CurrentReplicas = current, UpdatedReplicas = updated };

        Assert.Contains(StatefulSetValidation.ValidateStatus(status), e => e.Field == field && e.Detail == message);
    }
}
