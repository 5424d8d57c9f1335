using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>Services and Endpoints at v1: defaults, validation, and node ports allocated once across every Service,
/// kept on update, freed on delete.</summary>
public sealed class ServiceApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private static string Services(string ns) => $"/api/v1/namespaces/{ns}/services";

    private async Task<string> NamespaceAsync()
    {
        var ns = $"svc-{Guid.NewGuid():N}"[..12];
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        return ns;
    }

    private static Service NodePortService(string name, int? nodePort = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new ServiceSpec
        {
            Type = ServiceTypes.NodePort,
            Selector = new() { ["app"] = name },
            Ports = [new ServicePort { Port = 80, TargetPort = "http", NodePort = nodePort }],
        },
    };

    [Fact]
    public async Task A_node_port_service_gets_a_free_port_and_kubernetes_defaults()
    {
        var ns = await NamespaceAsync();
        var (code, created, response) = await api.Client.SendAsync<Service>(HttpMethod.Post, Services(ns), new Service
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ServiceSpec { Type = ServiceTypes.NodePort, Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 8080 }] },
        });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var port = Assert.Single(created!.Spec.Ports!);
        Assert.InRange(port.NodePort!.Value, NodePortRange.First, NodePortRange.Last);
        Assert.Equal(("TCP", "8080", "None"), (port.Protocol, port.TargetPort.ToString(), created.Spec.SessionAffinity));

        // A PUT that leaves nodePort out keeps it.
        var (_, updated, _) = await api.Client.SendAsync<Service>(HttpMethod.Put, $"{Services(ns)}/web",
            created with { Spec = created.Spec with { Ports = [port with { NodePort = null }] } });
        Assert.Equal(port.NodePort, updated!.Spec.Ports![0].NodePort);
    }

    [Fact]
    public async Task A_node_port_is_held_by_one_service_until_it_is_deleted()
    {
        var ns = await NamespaceAsync();
        var (_, first, _) = await api.Client.SendAsync<Service>(HttpMethod.Post, Services(ns), NodePortService("first"));
        var taken = first!.Spec.Ports![0].NodePort!.Value;

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Services(ns), NodePortService("second", taken));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        var cause = Assert.Single(status!.Details!.Causes!);
        Assert.Equal(("spec.ports[0].nodePort", true), (cause.Field, cause.Message!.Contains("provided port is already allocated")));

        await api.Client.DeleteAsync($"{Services(ns)}/first");
        var (retried, second, _) = await api.Client.SendAsync<Service>(HttpMethod.Post, Services(ns), NodePortService("second", taken));
        Assert.Equal(HttpStatusCode.Created, retried);
        Assert.Equal(taken, second!.Spec.Ports![0].NodePort);
    }

    [Fact]
    public async Task Patching_a_node_port_service_to_cluster_ip_drops_its_node_port_and_frees_it()
    {
        var ns = await NamespaceAsync();
        var (_, created, _) = await api.Client.SendAsync<Service>(HttpMethod.Post, Services(ns), NodePortService("was-nodeport"));
        var held = created!.Spec.Ports![0].NodePort!.Value;

        var (code, patched, response) = await api.Client.SendAsync<Service>(HttpMethod.Patch, $"{Services(ns)}/was-nodeport",
            """{"spec":{"type":"ClusterIP"}}""", "application/strategic-merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(ServiceTypes.ClusterIP, patched!.Spec.Type);
        Assert.Null(Assert.Single(patched.Spec.Ports!).NodePort);

        var (reused, other, _) = await api.Client.SendAsync<Service>(HttpMethod.Post, Services(ns), NodePortService("takes-it", held));
        Assert.Equal(HttpStatusCode.Created, reused);
        Assert.Equal(held, other!.Spec.Ports![0].NodePort);
    }

    [Fact]
    public async Task Switching_to_cluster_ip_while_asking_for_a_new_node_port_is_refused()
    {
        var ns = await NamespaceAsync();
        var (_, created, _) = await api.Client.SendAsync<Service>(HttpMethod.Post, Services(ns), NodePortService("asks-more"));
        var held = created!.Spec.Ports![0].NodePort!.Value;
        var other = held == NodePortRange.Last ? NodePortRange.First : held + 1;
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Services(ns)}/asks-more",
            $$$"""{"spec":{"type":"ClusterIP","ports":[{"port":80,"nodePort":{{{other}}}}]}}""", "application/strategic-merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "spec.ports[0].nodePort" && c.Message!.Contains("may not be used when `type` is 'ClusterIP'"));
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Concurrent_creates_never_share_a_node_port()
    {
        var ns = await NamespaceAsync();
        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => api.Client.SendAsync<Service>(HttpMethod.Post, Services(ns), NodePortService($"s{i}"))));

        Assert.All(created, c => Assert.Equal(HttpStatusCode.Created, c.Code));
        Assert.Equal(20, created.Select(c => c.Body!.Spec.Ports![0].NodePort).Distinct().Count());
    }

    [Fact]
    public async Task A_create_whose_node_port_is_taken_on_every_try_is_a_conflict_not_already_exists()
    {
        var ns = await NamespaceAsync();
        await api.Client.SendAsync<Service>(HttpMethod.Post, Services(ns), NodePortService("claims-table"));
        // As if a concurrent write took the chosen port before each commit.
        await SqlAsync($$"""
            create function {{api.Schema.Name}}.eo_test_port_taken() returns trigger language plpgsql as $f$ begin
              raise exception 'duplicate key value' using errcode = 'unique_violation', table = TG_TABLE_NAME, constraint = 'pkey_' || TG_TABLE_NAME || '_id';
            end $f$;
            create trigger eo_test_port_taken before insert on {{api.Schema.Name}}.mt_doc_node_port_claims for each row execute function {{api.Schema.Name}}.eo_test_port_taken();
            """);
        try
        {
            var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Services(ns), NodePortService("unlucky"));
            var (found, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{Services(ns)}/unlucky");

            Assert.Equal((HttpStatusCode.Conflict, StatusReasons.Conflict), (code, status!.Reason));
            Assert.Equal("Operation cannot be fulfilled on services \"unlucky\": concurrent writes kept taking what it claims beside its name " +
                "(mt_doc_node_port_claims); please try again", status.Message);
            Assert.Equal(HttpStatusCode.NotFound, found);
        }
        finally
        {
            await SqlAsync($"drop function {api.Schema.Name}.eo_test_port_taken() cascade");
        }
    }

    [Fact]
    public async Task A_node_port_taken_between_choosing_and_committing_is_chosen_again()
    {
        var ns = await NamespaceAsync();
        await api.Client.SendAsync<Service>(HttpMethod.Post, Services(ns), NodePortService("claims-table-too"));
        // The first claim written meets a row of the same port, as if another write had committed it first: a real unique
        // violation. A sequence counts the tries, as it is not rolled back with the failed write.
        await SqlAsync($$"""
            create sequence {{api.Schema.Name}}.eo_test_stolen;
            create function {{api.Schema.Name}}.eo_test_port_stolen() returns trigger language plpgsql as $f$ begin
              if nextval('{{api.Schema.Name}}.eo_test_stolen') = 1 then
                insert into {{api.Schema.Name}}.mt_doc_node_port_claims select NEW.*;
              end if;
              return NEW;
            end $f$;
            create trigger eo_test_port_stolen before insert on {{api.Schema.Name}}.mt_doc_node_port_claims for each row execute function {{api.Schema.Name}}.eo_test_port_stolen();
            """);
        try
        {
            var (code, created, _) = await api.Client.SendAsync<Service>(HttpMethod.Post, Services(ns), NodePortService("lucky-second-time"));

            Assert.Equal(HttpStatusCode.Created, code);
            Assert.NotNull(created!.Spec.Ports![0].NodePort);
        }
        finally
        {
            await SqlAsync($"drop function {api.Schema.Name}.eo_test_port_stolen() cascade; drop sequence {api.Schema.Name}.eo_test_stolen");
        }
    }

    private static async Task SqlAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Support.Services.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData("clusterip-nodeport", "spec.ports[0].nodePort", "may not be used when `type` is 'ClusterIP'")]
    [InlineData("out-of-range", "spec.ports[0].nodePort", "The range of valid ports is 30000-32767")]
    [InlineData("unnamed", "spec.ports[0].name", "Required value")]
    [InlineData("virtual-ip", "spec.clusterIP", "services are reached by name")]
    [InlineData("1st", "metadata.name", "a DNS-1035 label")]
    [InlineData("balancer", "spec.type", "Unsupported value: \"LoadBalancer\"")]
    public async Task An_invalid_service_is_refused_naming_the_field(string name, string field, string message)
    {
        var ns = await NamespaceAsync();
        var service = NodePortService(name);
        service = name switch
        {
            "clusterip-nodeport" => service with { Spec = service.Spec with { Type = ServiceTypes.ClusterIP, Ports = [new ServicePort { Port = 80, NodePort = 30001 }] } },
            "out-of-range" => NodePortService(name, 8080),
            "unnamed" => service with { Spec = service.Spec with { Ports = [new ServicePort { Port = 80 }, new ServicePort { Port = 81 }] } },
            "virtual-ip" => service with { Spec = service.Spec with { Type = ServiceTypes.ClusterIP, ClusterIP = "10.96.0.10" } },
            "balancer" => service with { Spec = service.Spec with { Type = "LoadBalancer" } },
            _ => service,
        };
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Services(ns), service);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == field && c.Message!.Contains(message));
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Endpoints_are_stored_with_tcp_ports_and_an_address_that_is_no_ip_is_refused()
    {
        var ns = await NamespaceAsync();
        var path = $"/api/v1/namespaces/{ns}/endpoints";
        var endpoints = new Endpoints
        {
            Metadata = new ObjectMeta { Name = "web" },
            Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = "127.0.0.1" }], Ports = [new EndpointPort { Port = 31000 }] }],
        };

        var (code, created, _) = await api.Client.SendAsync<Endpoints>(HttpMethod.Post, path, endpoints);
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("TCP", created!.Subsets![0].Ports![0].Protocol);

        var bad = endpoints with
        {
            Metadata = new ObjectMeta { Name = "bad" },
            Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = "node-1" }], Ports = [new EndpointPort { Port = 31000 }] }],
        };
        var (refused, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, path, bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal("subsets[0].addresses[0].ip", Assert.Single(status!.Details!.Causes!).Field);
    }

    [Fact]
    public async Task An_ingress_is_served_at_networking_v1_and_an_invalid_one_is_refused_naming_the_field()
    {
        var ns = await NamespaceAsync();
        var path = $"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses";
        var ingress = new Ingress
        {
            Metadata = new ObjectMeta { Name = "site" },
            Spec = new IngressSpec
            {
                Rules = [new IngressRule
                {
                    Host = "shop.example.test",
                    Http = new HttpIngressRuleValue
                    {
                        Paths = [new HttpIngressPath
                        {
                            Path = "/cart", PathType = PathTypes.Prefix,
                            Backend = new IngressBackend { Service = new IngressServiceBackend { Name = "cart", Port = new ServiceBackendPort { Number = 80 } } },
                        }],
                    },
                }],
            },
        };

        var (code, created, _) = await api.Client.SendAsync<Ingress>(HttpMethod.Post, path, ingress);
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("networking.k8s.io/v1", created!.ApiVersion);

        var badPath = ingress.Spec.Rules[0].Http!.Paths[0] with { Path = "cart", PathType = "Regex" };
        var bad = ingress with
        {
            Metadata = new ObjectMeta { Name = "bad" },
            Spec = new IngressSpec { Rules = [ingress.Spec.Rules[0] with { Http = new HttpIngressRuleValue { Paths = [badPath] } }] },
        };
        var (refused, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, path, bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal(["spec.rules[0].http.paths[0].path", "spec.rules[0].http.paths[0].pathType"], status!.Details!.Causes!.Select(c => c.Field).Order());
    }
}
