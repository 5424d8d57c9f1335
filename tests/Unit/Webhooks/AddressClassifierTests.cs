using System.Net;
using EventOrch.Api.Webhooks.Destinations;

namespace EventOrch.Tests.Unit.Webhooks;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("93.184.216.34", AddressClass.Public)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", AddressClass.Public)]
    [InlineData("127.0.0.1", AddressClass.Loopback)]
    [InlineData("127.255.0.9", AddressClass.Loopback)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("0.0.0.0", AddressClass.Unspecified)]
    [InlineData("::", AddressClass.Unspecified)]
    [InlineData("10.0.0.1", AddressClass.Private)]
    [InlineData("172.16.0.1", AddressClass.Private)]
    [InlineData("172.31.255.255", AddressClass.Private)]
    [InlineData("172.32.0.1", AddressClass.Public)]
    [InlineData("192.168.1.1", AddressClass.Private)]
    [InlineData("100.64.0.1", AddressClass.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressClass.SharedAddressSpace)]
    [InlineData("100.128.0.1", AddressClass.Public)]
    [InlineData("169.254.0.1", AddressClass.LinkLocal)]
    [InlineData("fe80::1", AddressClass.LinkLocal)]
    [InlineData("fc00::1", AddressClass.UniqueLocal)]
    [InlineData("fd12:3456::1", AddressClass.UniqueLocal)]
    [InlineData("169.254.169.254", AddressClass.Metadata)]
    [InlineData("fd00:ec2::254", AddressClass.Metadata)]
    [InlineData("100.100.100.200", AddressClass.Metadata)]
    [InlineData("224.0.0.1", AddressClass.Multicast)]
    [InlineData("ff02::1", AddressClass.Multicast)]
    [InlineData("255.255.255.255", AddressClass.Reserved)]
    [InlineData("198.18.0.1", AddressClass.Reserved)]
    [InlineData("192.0.2.10", AddressClass.Reserved)]
    [InlineData("2001:db8::1", AddressClass.Reserved)]
    public void Addresses_are_classified_as_their_ranges_say(string address, AddressClass expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:10.0.0.1", AddressClass.Private)]
    [InlineData("::ffff:127.0.0.1", AddressClass.Loopback)]
    [InlineData("::ffff:169.254.169.254", AddressClass.Metadata)]
    [InlineData("64:ff9b::a00:1", AddressClass.Private)]
    [InlineData("::10.0.0.1", AddressClass.Private)]
    [InlineData("::ffff:93.184.216.34", AddressClass.Public)]
    public void An_ipv6_address_carrying_an_ipv4_one_is_judged_by_the_ipv4_address(string address, AddressClass expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));
}
