using EventOrch.Contracts.Defaulting;
using EventOrch.Contracts.Model;
using static EventOrch.Tests.Unit.Validation.TestPods;

namespace EventOrch.Tests.Unit.Defaulting;

public sealed class PodDefaultsTests
{
    [Fact]
    public void A_bare_pod_gets_kubernetes_spec_defaults()
    {
        var pod = PodDefaults.Apply(Valid());

        Assert.Equal("Always", pod.Spec.RestartPolicy);
        Assert.Equal(30, pod.Spec.TerminationGracePeriodSeconds);
        Assert.Equal("ClusterFirst", pod.Spec.DnsPolicy);
        Assert.Equal("default-scheduler", pod.Spec.SchedulerName);
        Assert.True(pod.Spec.EnableServiceLinks);
    }

    [Fact]
    public void Explicit_values_are_kept()
    {
        var pod = PodDefaults.Apply(WithSpec(s => s with { RestartPolicy = "Never", TerminationGracePeriodSeconds = 0, EnableServiceLinks = false }));

        Assert.Equal("Never", pod.Spec.RestartPolicy);
        Assert.Equal(0, pod.Spec.TerminationGracePeriodSeconds);
        Assert.False(pod.Spec.EnableServiceLinks);
    }

    [Fact]
    public void Containers_get_termination_message_defaults_and_tcp_ports()
    {
        var container = PodDefaults.Apply(WithContainer(c => c with { Ports = [new ContainerPort { Number = 80 }] })).Spec.Containers[0];

        Assert.Equal("/dev/termination-log", container.TerminationMessagePath);
        Assert.Equal("File", container.TerminationMessagePolicy);
        Assert.Equal("TCP", Assert.Single(container.Ports!).Protocol);
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("localhost:5000/app", "Always")]
    [InlineData("localhost:5000/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:0123", "IfNotPresent")]
    [InlineData("nginx:latest@sha256:0123", "Always")]
    [InlineData("Nginx", "IfNotPresent")]
    [InlineData("", "IfNotPresent")]
    public void The_pull_policy_depends_on_the_image_tag(string image, string policy) =>
        Assert.Equal(policy, PodDefaults.Apply(WithContainer(c => c with { Image = image })).Spec.Containers[0].ImagePullPolicy);

    [Fact]
    public void Init_containers_get_container_defaults_too()
    {
        var init = PodDefaults.Apply(WithSpec(s => s with { InitContainers = [Container("init", "busybox")] })).Spec.InitContainers![0];

        Assert.Equal("Always", init.ImagePullPolicy);
        Assert.Equal("File", init.TerminationMessagePolicy);
    }

    [Fact]
    public void The_status_starts_pending_whatever_the_client_sent()
    {
        var pod = PodDefaults.Apply(Valid() with { Status = new PodStatus { Phase = "Running", PodIP = "10.0.0.1" } });

        Assert.Equal(new PodStatus { Phase = "Pending", QosClass = "BestEffort" }, pod.Status);
    }

    [Theory]
    [InlineData(null, null, "BestEffort")]
    [InlineData("cpu=100m", null, "Burstable")]
    [InlineData("cpu=1,memory=1Gi", "cpu=1,memory=1Gi", "Guaranteed")]
    [InlineData(null, "cpu=1,memory=1Gi", "Guaranteed")]
    [InlineData("cpu=500m", "cpu=1,memory=1Gi", "Burstable")]
    [InlineData(null, "cpu=1", "Burstable")]
    [InlineData("example.com/gpu=1", "example.com/gpu=1", "BestEffort")]
    [InlineData("cpu=0", null, "BestEffort")]
    public void The_qos_class_follows_requests_and_limits(string? requests, string? limits, string qos) =>
        Assert.Equal(qos, PodDefaults.Apply(WithContainer(c => c with { Resources = Resources(requests, limits) })).Status!.QosClass);

    [Fact]
    public void Every_container_needs_cpu_and_memory_limits_for_guaranteed()
    {
        var pod = Valid(Container("a") with { Resources = Resources(limits: "cpu=1,memory=1Gi") }, Container("b") with { Resources = Resources(limits: "cpu=1") });

        Assert.Equal("Burstable", PodDefaults.Apply(pod).Status!.QosClass);
    }

    [Fact]
    public void Limits_without_requests_become_the_requests()
    {
        var resources = PodDefaults.Apply(WithContainer(c => c with { Resources = Resources("cpu=100m", "cpu=1,memory=1Gi") })).Spec.Containers[0].Resources!;

        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "1Gi" }, resources.Requests);
    }

    [Fact]
    public void Host_network_ports_default_their_host_port()
    {
        var port = PodDefaults.Apply(WithSpec(s => s with { HostNetwork = true, Containers = [Container() with { Ports = [new ContainerPort { Number = 80 }] }] })).Spec.Containers[0].Ports![0];

        Assert.Equal(80, port.HostPort);
    }

    [Fact]
    public void Probes_and_volumes_get_their_defaults()
    {
        var pod = PodDefaults.Apply(WithSpec(s => s with
        {
            Volumes = [new Volume { Name = "scratch" }],
            Containers = [Container() with { ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Port = 80 } } }],
        }));

        var probe = pod.Spec.Containers[0].ReadinessProbe!;
        Assert.Equal((1, 10, 1, 3), (probe.TimeoutSeconds, probe.PeriodSeconds, probe.SuccessThreshold, probe.FailureThreshold));
        Assert.Equal(("/", "HTTP"), (probe.HttpGet!.Path, probe.HttpGet.Scheme));
        Assert.NotNull(pod.Spec.Volumes![0].EmptyDir);
    }

    [Fact]
    public void The_input_pod_is_left_unchanged()
    {
        var original = WithContainer(c => c with { Ports = [new ContainerPort { Number = 80 }], Resources = Resources(limits: "cpu=1") });

        PodDefaults.Apply(original);

        Assert.Null(original.Spec.RestartPolicy);
        Assert.Null(original.Spec.Containers[0].Ports![0].Protocol);
        Assert.Null(original.Spec.Containers[0].Resources!.Requests);
    }

    [Fact]
    public void A_defaulted_pod_passes_validation() =>
        Assert.Empty(Contracts.Validation.PodValidation.ValidateCreate(PodDefaults.Apply(Valid())));

    [Fact]
    public void Resource_requirements_that_say_nothing_are_none()
    {
        var pod = PodDefaults.Apply(WithContainer(c => c with { Resources = new ResourceRequirements { Requests = [], Limits = null } }));

        Assert.Null(pod.Spec.Containers[0].Resources);
    }
}
