using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quota;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Quota;

/// <summary>LimitRanger's defaults and bounds, and LimitRange validation, with Kubernetes' wording.</summary>
public sealed class LimitRangerTests
{
    private static LimitRange Range(LimitRangeItem item) => new()
    {
        Metadata = new ObjectMeta { Name = "limits", Namespace = "ns" },
        Spec = new LimitRangeSpec { Limits = [LimitRangeValidation.WithDefaults(item)] },
    };

    private static Pod Pod(Dictionary<string, string>? requests, Dictionary<string, string>? limits) => new()
    {
        Metadata = new ObjectMeta { Name = "x" },
        Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "busybox", Resources = new ResourceRequirements { Requests = requests, Limits = limits } }] },
    };

    [Fact]
    public void Only_what_a_container_leaves_out_is_defaulted_and_noted()
    {
        var range = Range(new LimitRangeItem { Type = LimitTypes.Container, Default = new() { ["cpu"] = "1", ["memory"] = "1Gi" }, DefaultRequest = new() { ["cpu"] = "100m" } });

        var pod = LimitRanger.ApplyDefaults(Pod(new() { ["memory"] = "128Mi" }, new() { ["memory"] = "256Mi" }), [range]);

        var resources = pod.Spec.Containers[0].Resources!;
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "128Mi" }, resources.Requests);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "1", ["memory"] = "256Mi" }, resources.Limits);
        Assert.Equal("LimitRanger plugin set: cpu request for container web; cpu limit for container web", pod.Metadata.Annotations![LimitRanger.Annotation]);
    }

    [Fact]
    public void A_pod_that_needs_no_default_is_returned_unchanged()
    {
        var range = Range(new LimitRangeItem { Type = LimitTypes.Container, Default = new() { ["cpu"] = "1" } });
        var pod = Pod(new() { ["cpu"] = "1" }, new() { ["cpu"] = "1" });

        Assert.Same(pod, LimitRanger.ApplyDefaults(pod, [range]));
    }

    [Fact]
    public void The_item_defaults_follow_Kubernetes_default_from_max_and_request_from_default_then_min()
    {
        var item = LimitRangeValidation.WithDefaults(new LimitRangeItem
        {
            Type = LimitTypes.Container, Max = new() { ["cpu"] = "2" }, Min = new() { ["memory"] = "64Mi" },
        });

        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "2" }, item.Default);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "2", ["memory"] = "64Mi" }, item.DefaultRequest);
    }

    public static TheoryData<LimitRangeItem, Dictionary<string, string>?, Dictionary<string, string>?, string[]> BoundCases => new()
    {
        { new LimitRangeItem { Type = LimitTypes.Container, Max = new() { ["cpu"] = "500m" } }, new() { ["cpu"] = "100m" }, new() { ["cpu"] = "1" },
            ["maximum cpu usage per Container is 500m, but limit is 1"] },
        { new LimitRangeItem { Type = LimitTypes.Container, Max = new() { ["cpu"] = "500m" } }, new() { ["cpu"] = "100m" }, null,
            ["maximum cpu usage per Container is 500m.  No limit is specified"] },
        { new LimitRangeItem { Type = LimitTypes.Container, Min = new() { ["memory"] = "64Mi" } }, null, null,
            ["minimum memory usage per Container is 64Mi.  No request is specified"] },
        { new LimitRangeItem { Type = LimitTypes.Container, Min = new() { ["memory"] = "64Mi" } }, new() { ["memory"] = "32Mi" }, new() { ["memory"] = "32Mi" },
            ["minimum memory usage per Container is 64Mi, but request is 32Mi"] },
        { new LimitRangeItem { Type = LimitTypes.Container, MaxLimitRequestRatio = new() { ["cpu"] = "3" } }, new() { ["cpu"] = "250m" }, new() { ["cpu"] = "1" },
            ["cpu max limit to request ratio per Container is 3, but provided ratio is 4.000000"] },
        { new LimitRangeItem { Type = LimitTypes.Container, MaxLimitRequestRatio = new() { ["cpu"] = "3" } }, null, new() { ["cpu"] = "1" },
            ["cpu max limit to request ratio per Container is 3, but no request is specified or request is 0"] },
        { new LimitRangeItem { Type = LimitTypes.Pod, Max = new() { ["cpu"] = "2" } }, new() { ["cpu"] = "1" }, new() { ["cpu"] = "3" },
            ["maximum cpu usage per Pod is 2, but limit is 3"] },
        { new LimitRangeItem { Type = LimitTypes.Container, Min = new() { ["cpu"] = "100m" }, Max = new() { ["cpu"] = "1" } }, new() { ["cpu"] = "100m" }, new() { ["cpu"] = "1" },
            [] },
    };

    [Theory]
    [MemberData(nameof(BoundCases))]
    public void A_container_outside_the_bounds_is_refused_with_Kubernetes_message(LimitRangeItem item, Dictionary<string, string>? requests,
        Dictionary<string, string>? limits, string[] expected)
    {
        var range = new LimitRange { Metadata = new ObjectMeta { Name = "l" }, Spec = new LimitRangeSpec { Limits = [item] } };

        Assert.Equal(expected, LimitRanger.Violations(Pod(requests, limits), [range]));
    }

    [Fact]
    public void Several_violations_read_as_Kubernetes_aggregate()
    {
        Assert.Equal("a", LimitRanger.Message(["a"]));
        Assert.Equal("[a, b]", LimitRanger.Message(["a", "b"]));
    }

    public static TheoryData<LimitRangeItem, string> InvalidItems => new()
    {
        { new LimitRangeItem { Type = LimitTypes.Container, Min = new() { ["cpu"] = "2" }, Max = new() { ["cpu"] = "1" } },
            "spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1" },
        { new LimitRangeItem { Type = LimitTypes.Container, Default = new() { ["cpu"] = "1" }, DefaultRequest = new() { ["cpu"] = "2" } },
            "spec.limits[0].defaultRequest[cpu]: Invalid value: \"2\": default request value 2 is greater than default limit value 1" },
        { new LimitRangeItem { Type = LimitTypes.Container, MaxLimitRequestRatio = new() { ["cpu"] = "500m" } },
            "spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: \"500m\": ratio 500m is less than 1" },
        { new LimitRangeItem { Type = LimitTypes.Pod, Default = new() { ["cpu"] = "1" } },
            "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'" },
        { new LimitRangeItem { Type = LimitTypes.PersistentVolumeClaim },
            "spec.limits[0].type: Unsupported value: \"PersistentVolumeClaim\": supported values: \"Container\", \"Pod\"" },
        { new LimitRangeItem { Type = LimitTypes.Container, Max = new() { ["cpu"] = "-1" } },
            "spec.limits[0].max[cpu]: Invalid value: \"-1\": must be greater than or equal to 0" },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public void An_inconsistent_limit_range_is_invalid_naming_the_field(LimitRangeItem item, string expected)
    {
        var range = new LimitRange { Metadata = new ObjectMeta { Name = "l", Namespace = "ns" }, Spec = new LimitRangeSpec { Limits = [item] } };

        var errors = LimitRangeValidation.ValidateCreate(range);

        Assert.Contains(expected, errors.Select(e => e.ToString()));
    }
}
