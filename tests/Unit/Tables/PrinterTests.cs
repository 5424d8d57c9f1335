using EventOrch.Api.Tables.Printers;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Tables;

public sealed class PrinterTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static ObjectMeta Meta(string name, Dictionary<string, string>? labels = null) =>
        new() { Name = name, CreationTimestamp = Now.AddHours(-3).AddMinutes(-25), Labels = labels };

    private static Node NodeWith(string? ready, bool cordoned = false, Dictionary<string, string>? labels = null) => new()
    {
        Metadata = Meta("node-1", labels),
        Spec = new NodeSpec { Unschedulable = cordoned ? true : null },
        Status = new NodeStatus
        {
            Conditions = ready is null ? [] : [new NodeCondition { Type = NodeConditions.Ready, Status = ready }],
            Addresses = [new NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }],
            NodeInfo = new NodeSystemInfo { KubeletVersion = "v1.32.0-eventorch", OsImage = "Debian", ContainerRuntimeVersion = "docker://26.1" },
        },
    };

    [Theory]
    [InlineData("True", false, "Ready")]
    [InlineData("False", false, "NotReady")]
    [InlineData("Unknown", false, "NotReady")]
    [InlineData(null, false, "Unknown")]
    [InlineData("True", true, "Ready,SchedulingDisabled")]
    public void A_node_status_reads_its_ready_condition_and_cordon(string? ready, bool cordoned, string expected)
    {
        Assert.Equal(expected, new NodePrinter().Cells(NodeWith(ready, cordoned), Now)[1]);
    }

    [Fact]
    public void A_node_row_has_roles_version_and_wide_details()
    {
        var labels = new Dictionary<string, string> { ["node-role.kubernetes.io/worker"] = "", ["kubernetes.io/role"] = "edge" };

        var cells = new NodePrinter().Cells(NodeWith("True", labels: labels), Now);

        Assert.Equal(["node-1", "Ready", "edge,worker", "3h25m", "v1.32.0-eventorch", "127.0.0.1", "<none>", "Debian", "<unknown>", "docker://26.1"], cells);
    }

    [Fact]
    public void A_service_row_lists_ports_with_node_ports_and_its_selector()
    {
        var service = new Service
        {
            Metadata = Meta("web"),
            Spec = new ServiceSpec
            {
                Type = ServiceTypes.NodePort,
                Selector = new() { ["tier"] = "front", ["app"] = "web" },
                Ports = [new ServicePort { Port = 80, NodePort = 30080, Protocol = "TCP" }, new ServicePort { Port = 9090, Protocol = "TCP" }],
            },
        };

        var cells = new ServicePrinter().Cells(service, Now);

        Assert.Equal(["web", "NodePort", "<none>", "<none>", "80:30080/TCP,9090/TCP", "3h25m", "app=web,tier=front"], cells);
    }

    [Fact]
    public void Endpoints_show_three_addresses_and_how_many_more()
    {
        var addresses = Enumerable.Range(1, 4).Select(i => new EndpointAddress { Ip = $"10.0.0.{i}" }).ToList();
        var endpoints = new Contracts.Model.Endpoints
        {
            Metadata = Meta("web"),
            Subsets = [new EndpointSubset { Addresses = addresses, Ports = [new EndpointPort { Port = 8080 }] }],
        };

        var cells = new EndpointsPrinter().Cells(endpoints, Now);

        Assert.Equal("10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more...", cells[1]);
        Assert.Equal("<none>", new EndpointsPrinter().Cells(endpoints with { Subsets = null }, Now)[1]);
    }

    [Fact]
    public void An_ingress_without_hosts_matches_every_host()
    {
        var ingress = new Ingress { Metadata = Meta("web"), Spec = new IngressSpec { Rules = [new IngressRule()] } };

        Assert.Equal(["web", "<none>", "*", "", "80", "3h25m"], new IngressPrinter().Cells(ingress, Now));
    }

    [Fact]
    public void A_deployment_row_shows_ready_of_wanted_and_its_template()
    {
        var deployment = new Deployment
        {
            Metadata = Meta("web"),
            Spec = new DeploymentSpec
            {
                Replicas = 3,
                Selector = new LabelSelectorSpec
                {
                    MatchLabels = new() { ["app"] = "web" },
                    MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["b", "a"] }],
                },
                Template = new PodTemplateSpec { Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx" }, new Container { Name = "log", Image = "busybox" }] } },
            },
            Status = new DeploymentStatus { ReadyReplicas = 1, UpdatedReplicas = 2, AvailableReplicas = 1 },
        };

        var cells = new DeploymentPrinter().Cells(deployment, Now);

        Assert.Equal(["web", "1/3", 2, 1, "3h25m", "web,log", "nginx,busybox", "app=web,tier in (a,b)"], cells);
    }

    [Fact]
    public void Replica_sets_and_replication_controllers_show_desired_current_and_ready()
    {
        var template = new PodTemplateSpec { Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx" }] } };
        var rs = new ReplicaSet
        {
            Metadata = Meta("web-1"),
            Spec = new ReplicaSetSpec { Replicas = 2, Selector = new LabelSelectorSpec(), Template = template },
            Status = new ReplicaSetStatus { Replicas = 2, ReadyReplicas = 1 },
        };
        var rc = new ReplicationController
        {
            Metadata = Meta("web-rc"),
            Spec = new ReplicationControllerSpec { Replicas = 1, Selector = new() { ["app"] = "web" }, Template = template },
        };

        Assert.Equal(["web-1", 2, 2, 1, "3h25m", "web", "nginx", "<none>"], new ReplicaSetPrinter().Cells(rs, Now));
        Assert.Equal(["web-rc", 1, 0, 0, "3h25m", "web", "nginx", "app=web"], new ReplicationControllerPrinter().Cells(rc, Now));
    }

    [Fact]
    public void Namespaces_and_leases_have_their_short_rows_and_other_kinds_name_and_age()
    {
        var ns = new Namespace { Metadata = Meta("team-a"), Status = new NamespaceStatus { Phase = NamespacePhases.Terminating } };
        var lease = new Lease { Metadata = Meta("node-1"), Spec = new LeaseSpec { HolderIdentity = "node-1" } };

        Assert.Equal(["team-a", "Terminating", "3h25m"], new NamespacePrinter().Cells(ns, Now));
        Assert.Equal(["node-1", "node-1", "3h25m"], new LeasePrinter().Cells(lease, Now));
        Assert.Equal(["node-1", "3h25m"], new DefaultPrinter("coordination.k8s.io", "Lease").Cells(lease, Now));
    }

    [Fact]
    public void Config_maps_and_secrets_count_their_keys_and_never_print_a_value()
    {
        var map = new ConfigMap { Metadata = Meta("settings"), Data = new() { ["a"] = "1", ["b"] = "2" }, BinaryData = new() { ["c"] = [1] } };
        var secret = new Secret { Metadata = Meta("creds"), Type = "kubernetes.io/basic-auth", Data = new() { ["username"] = "u"u8.ToArray(), ["password"] = "p"u8.ToArray() } };

        Assert.Equal(["settings", 3, "3h25m"], new ConfigMapPrinter().Cells(map, Now));
        Assert.Equal(["creds", "kubernetes.io/basic-auth", 2, "3h25m"], new SecretPrinter().Cells(secret, Now));
    }
}
