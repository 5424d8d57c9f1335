using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;
using static EventOrch.Tests.Unit.Validation.TestPods;

namespace EventOrch.Tests.Unit.Validation;

public sealed class PodValidationTests
{
    private static List<string> Errors(Pod pod) => PodValidation.ValidateCreate(pod).Select(e => e.Message).ToList();

    private static string Only(Pod pod) => Assert.Single(Errors(pod));

    [Fact]
    public void A_minimal_pod_is_valid() => Assert.Empty(Errors(Valid()));

    [Fact]
    public void A_pod_name_is_a_dns_subdomain() =>
        Assert.StartsWith("metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain", Only(Valid() with { Metadata = Valid().Metadata with { Name = "Web_1" } }));

    [Fact]
    public void A_pod_needs_a_namespace() =>
        Assert.Equal("metadata.namespace: Required value", Only(Valid() with { Metadata = Valid().Metadata with { Namespace = null } }));

    [Fact]
    public void A_pod_needs_at_least_one_container() =>
        Assert.Equal("spec.containers: Required value", Only(WithSpec(s => s with { Containers = [] })));

    [Fact]
    public void Container_names_are_required_dns_labels()
    {
        Assert.Equal("spec.containers[0].name: Required value", Only(Valid(Container(name: ""))));
        Assert.StartsWith("spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label", Only(Valid(Container(name: "Web"))));
    }

    [Fact]
    public void Container_names_are_unique_across_containers_and_init_containers()
    {
        Assert.Equal("spec.containers[1].name: Duplicate value: \"web\"", Only(Valid(Container(), Container())));
        Assert.Equal("spec.initContainers[0].name: Duplicate value: \"web\"", Only(WithSpec(s => s with { InitContainers = [Container()] })));
    }

    [Theory]
    [InlineData(null, "spec.containers[0].image: Required value")]
    [InlineData("", "spec.containers[0].image: Required value")]
    [InlineData(" nginx", "spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace")]
    public void An_image_is_required_and_trimmed(string? image, string error) =>
        Assert.Equal(error, Only(WithContainer(c => c with { Image = image })));

    [Theory]
    [InlineData(0, null, "TCP", "spec.containers[0].ports[0].containerPort: Required value")]
    [InlineData(70000, null, "TCP", "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive")]
    [InlineData(80, 70000, "TCP", "spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive")]
    [InlineData(80, null, "HTTP", "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")]
    public void Ports_have_a_valid_number_host_port_and_protocol(int number, int? hostPort, string protocol, string error) =>
        Assert.Equal(error, Only(WithContainer(c => c with { Ports = [new ContainerPort { Number = number, HostPort = hostPort, Protocol = protocol }] })));

    [Fact]
    public void Port_names_are_valid_and_unique_within_a_container()
    {
        var pod = WithContainer(c => c with
        {
            Ports = [new ContainerPort { Name = "http", Number = 80 }, new ContainerPort { Name = "http", Number = 81 }, new ContainerPort { Name = "Metrics", Number = 82 }],
        });

        Assert.Equal(
            [
                "spec.containers[0].ports[1].name: Duplicate value: \"http\"",
                "spec.containers[0].ports[2].name: Invalid value: \"Metrics\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            ],
            Errors(pod));
    }

    [Fact]
    public void The_same_host_port_cannot_be_used_twice() =>
        Assert.Equal("spec.containers[1].ports[0].hostPort: Duplicate value: \"/TCP/8080\"",
            Only(Valid(
                Container("a") with { Ports = [new ContainerPort { Number = 80, HostPort = 8080 }] },
                Container("b") with { Ports = [new ContainerPort { Number = 81, HostPort = 8080 }] })));

    [Fact]
    public void Env_names_must_be_valid() =>
        Assert.StartsWith("spec.containers[0].env[1].name: Invalid value: \"1X\": a valid environment variable name",
            Only(WithContainer(c => c with { Env = [new EnvVar { Name = "OK", Value = "1" }, new EnvVar { Name = "1X" }] })));

    [Fact]
    public void Env_field_references_read_supported_pod_fields()
    {
        EnvVar Ref(string path) => new() { Name = "X", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = path } } };

        Assert.Empty(Errors(WithContainer(c => c with { Env = [Ref("metadata.name"), Ref("metadata.labels['app']")] })));
        Assert.StartsWith("spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"status.phase\": supported values: \"metadata.name\"",
            Only(WithContainer(c => c with { Env = [Ref("status.phase")] })));
        Assert.Equal("spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: \"spec.foo\": error converting fieldPath: field label not supported: spec.foo",
            Only(WithContainer(c => c with { Env = [Ref("spec.foo")] })));
    }

    [Theory]
    [InlineData("cpu=abc", null, "spec.containers[0].resources.requests[cpu]: Invalid value: \"abc\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("cpu=-1", null, "spec.containers[0].resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0")]
    [InlineData("cpu=1", "cpu=500m", "spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m")]
    [InlineData(null, "memory=1Gb", "spec.containers[0].resources.limits[memory]: Invalid value: \"1Gb\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("gpu=1", null, "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource for containers")]
    [InlineData("example.com/gpu=1", "example.com/gpu=2", "spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2")]
    [InlineData("example.com/gpu=500m", "example.com/gpu=500m", "spec.containers[0].resources.requests[example.com/gpu]: Invalid value: \"500m\": must be an integer")]
    public void Resources_are_quantities_with_requests_within_limits(string? requests, string? limits, string error) =>
        Assert.Contains(error, Errors(WithContainer(c => c with { Resources = Resources(requests, limits) })));

    [Fact]
    public void Equal_or_smaller_requests_are_valid() =>
        Assert.Empty(Errors(WithContainer(c => c with { Resources = Resources("cpu=250m,memory=64Mi", "cpu=0.5,memory=64Mi") })));

    [Fact]
    public void The_restart_policy_is_one_of_three() =>
        Assert.Equal("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
            Only(WithSpec(s => s with { RestartPolicy = "Sometimes" })));

    [Fact]
    public void Unset_defaulted_fields_are_accepted() =>
        Assert.Empty(Errors(WithSpec(s => s with { RestartPolicy = null, DnsPolicy = "", Containers = [Container() with { Ports = [new ContainerPort { Number = 80 }] }] })));

    [Fact]
    public void Volumes_have_unique_dns_label_names()
    {
        var pod = WithSpec(s => s with { Volumes = [new Volume { Name = "data", EmptyDir = new() }, new Volume { Name = "data", EmptyDir = new() }, new Volume { Name = "Cache", EmptyDir = new() }] });

        var errors = Errors(pod);

        Assert.Equal("spec.volumes[1].name: Duplicate value: \"data\"", errors[0]);
        Assert.StartsWith("spec.volumes[2].name: Invalid value: \"Cache\": a lowercase RFC 1123 label", errors[1]);
    }

    [Fact]
    public void A_volume_has_at_most_one_source() =>
        Assert.Equal("spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type",
            Only(WithSpec(s => s with { Volumes = [new Volume { Name = "v", EmptyDir = new(), HostPath = new() { Path = "/tmp" } }] })));

    [Fact]
    public void Volume_mounts_refer_to_declared_volumes_and_have_a_path()
    {
        var pod = WithSpec(s => s with
        {
            Volumes = [new Volume { Name = "data", EmptyDir = new() }],
            Containers = [Container() with { VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }, new VolumeMount { Name = "logs", MountPath = "" }] }],
        });

        Assert.Equal(["spec.containers[0].volumeMounts[1].name: Not found: \"logs\"", "spec.containers[0].volumeMounts[1].mountPath: Required value"], Errors(pod));
    }

    [Fact]
    public void Node_selector_entries_are_label_keys_and_values() =>
        Assert.StartsWith("spec.nodeSelector: Invalid value: \"bad key\": name part must consist of",
            Only(WithSpec(s => s with { NodeSelector = new() { ["disk"] = "ssd", ["bad key"] = "x" } })));

    [Theory]
    [InlineData("key", "Equal", "v", "NoSchedule", null)]
    [InlineData(null, "Exists", null, null, null)]
    [InlineData("key", "Sometimes", null, null, "spec.tolerations[0].operator: Unsupported value: \"Sometimes\": supported values: \"Equal\", \"Exists\"")]
    [InlineData("key", "Exists", null, "NoWay", "spec.tolerations[0].effect: Unsupported value: \"NoWay\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"")]
    [InlineData(null, "Equal", null, null, "spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"")]
    public void Tolerations_use_known_operators_and_effects(string? key, string op, string? value, string? effect, string? error)
    {
        var errors = Errors(WithSpec(s => s with { Tolerations = [new Toleration { Key = key, Operator = op, Value = value, Effect = effect }] }));

        if (error is null) Assert.Empty(errors);
        else Assert.Equal(error, Assert.Single(errors));
    }

    [Fact]
    public void Toleration_seconds_need_the_no_execute_effect() =>
        Assert.Equal("spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
            Only(WithSpec(s => s with { Tolerations = [new Toleration { Key = "k", Operator = "Exists", Effect = "NoSchedule", TolerationSeconds = 5 }] })));

    [Theory]
    [InlineData("In", new[] { "ssd" }, null)]
    [InlineData("Gt", new[] { "3" }, null)]
    [InlineData("Exists", new string[0], null)]
    [InlineData("Near", new[] { "x" }, "matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator")]
    [InlineData("In", new string[0], "matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")]
    [InlineData("DoesNotExist", new[] { "x" }, "matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")]
    [InlineData("Lt", new[] { "1", "2" }, "matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'")]
    public void Node_affinity_requirements_use_known_operators(string op, string[] values, string? error)
    {
        var term = new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "disk", Operator = op, Values = [.. values] }] };
        var pod = WithSpec(s => s with { Affinity = new Affinity { NodeAffinity = new NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [term] } } } });

        var errors = Errors(pod);

        if (error is null) Assert.Empty(errors);
        else Assert.Equal("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]." + error, Assert.Single(errors));
    }

    [Fact]
    public void Preferred_terms_have_a_weight_between_1_and_100() =>
        Assert.Equal("spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100",
            Only(WithSpec(s => s with { Affinity = new Affinity { NodeAffinity = new NodeAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new PreferredSchedulingTerm { Weight = 0 }] } } })));

    [Theory]
    [InlineData(0L, null, "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive")]
    [InlineData(null, -1L, "spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0")]
    public void Deadlines_and_grace_periods_are_in_range(long? deadline, long? grace, string error) =>
        Assert.Equal(error, Only(WithSpec(s => s with { ActiveDeadlineSeconds = deadline, TerminationGracePeriodSeconds = grace })));

    [Fact]
    public void A_probe_needs_exactly_one_handler()
    {
        var probe = new Probe { Exec = new ExecAction { Command = ["true"] }, TcpSocket = new TcpSocketAction { Port = 80 } };

        Assert.Equal("spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type", Only(WithContainer(c => c with { ReadinessProbe = probe })));
        Assert.Equal("spec.containers[0].livenessProbe: Required value: must specify a handler type", Only(WithContainer(c => c with { LivenessProbe = new Probe() })));
    }

    [Fact]
    public void A_liveness_probe_must_succeed_once() =>
        Assert.Equal("spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
            Only(WithContainer(c => c with { LivenessProbe = new Probe { HttpGet = new HttpGetAction { Port = "http" }, SuccessThreshold = 2 } })));

    [Fact]
    public void Init_containers_may_not_have_probes() =>
        Assert.Equal("spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
            Only(WithSpec(s => s with { InitContainers = [Container("init") with { ReadinessProbe = new Probe { TcpSocket = new TcpSocketAction { Port = 80 } } }] })));

    [Fact]
    public void Host_network_ports_must_equal_their_host_ports() =>
        Assert.Equal("spec.containers[0].ports[0].containerPort: Invalid value: 80: must match `hostPort` when `hostNetwork` is true",
            Only(WithSpec(s => s with { HostNetwork = true, Containers = [Container() with { Ports = [new ContainerPort { Number = 80, HostPort = 8080 }] }] })));
}
