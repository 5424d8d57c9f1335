using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public sealed class ServiceValidationTests
{
    private static Service WithPort(ServicePort port) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [port] },
    };

    [Theory]
    [InlineData("HTTP", 8080, "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")]
    [InlineData("TCP", 70000, "spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive")]
    public void A_bad_protocol_or_target_port_is_refused_as_for_a_container_port(string protocol, int targetPort, string expected) =>
        Assert.Equal(expected, Assert.Single(ServiceValidation.ValidateCreate(WithPort(new ServicePort { Port = 80, Protocol = protocol, TargetPort = targetPort }))).Message);

    [Fact]
    public void A_named_target_port_must_be_an_iana_service_name() =>
        Assert.StartsWith("spec.ports[0].targetPort: Invalid value: \"-http\": ",
            Assert.Single(ServiceValidation.ValidateCreate(WithPort(new ServicePort { Port = 80, TargetPort = "-http" }))).Message);

    [Fact]
    public void An_endpoints_port_takes_the_same_protocols() =>
        Assert.Equal("subsets[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            Assert.Single(EndpointsValidation.ValidateCreate(new Endpoints
            {
                Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
                Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = "10.0.0.1" }], Ports = [new EndpointPort { Port = 80, Protocol = "HTTP" }] }],
            })).Message);
}
