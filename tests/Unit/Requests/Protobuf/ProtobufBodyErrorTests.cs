using EventOrch.Api.Requests.Protobuf;
using EventOrch.Contracts.Model;
using Google.Protobuf;

namespace EventOrch.Tests.Unit.Requests.Protobuf;

/// <summary>What the Api does not read from protobuf is refused by name, never dropped: a field number Kubernetes'
/// message does not have, a field the Api reads only as JSON, an encoded envelope; bytes that are not a protobuf
/// message are a 400.</summary>
public sealed class ProtobufBodyErrorTests
{
    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static void Nested(CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }

    private static void Text(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static byte[] Envelope(string apiVersion, string kind, byte[] raw, string contentEncoding = "") =>
        [.. "k8s\0"u8, .. Message(o =>
        {
            Nested(o, 1, Message(t => { Text(t, 1, apiVersion); Text(t, 2, kind); }));
            Nested(o, 2, raw);
            if (contentEncoding.Length > 0) Text(o, 3, contentEncoding);
        })];

    private static byte[] Metadata(string name) => Message(m => Text(m, 1, name));

    // A Deployment whose one container carries <paramref name="container"/>.
    private static byte[] DeploymentWithContainer(Action<CodedOutputStream> container) => Envelope("apps/v1", "Deployment", Message(d =>
    {
        Nested(d, 1, Metadata("web"));
        Nested(d, 2, Message(spec => Nested(spec, 3, Message(template => Nested(template, 2, Message(pod =>
            Nested(pod, 2, Message(c => { Text(c, 1, "web"); container(c); }))))))));
    }));

    private static Status Refused(byte[] body)
    {
        var result = ProtobufBody.ToJson(body);
        Assert.False(result.IsSuccess, result.Value?.ToJsonString());
        return result.Error!;
    }

    [Fact]
    public void A_field_the_api_reads_only_as_json_is_415_naming_its_path()
    {
        var error = Refused(DeploymentWithContainer(c => Nested(c, 15, Message(s => { s.WriteTag(5, WireFormat.WireType.Varint); s.WriteBool(true); }))));

        Assert.Equal(415, error.Code);
        Assert.Contains("spec.template.spec.containers[0].securityContext (field 15 of k8s.io.api.core.v1.Container) is not read from protobuf", error.Message);
        Assert.Equal("spec.template.spec.containers[0].securityContext", Assert.Single(error.Details!.Causes!).Field);
    }

    [Fact]
    public void A_field_number_kubernetes_message_does_not_have_is_415_naming_the_kind_and_number()
    {
        var error = Refused(DeploymentWithContainer(c => { c.WriteTag(99, WireFormat.WireType.Varint); c.WriteInt32(7); }));

        Assert.Equal(415, error.Code);
        Assert.Contains("Deployment (apps/v1) in protobuf: field number 99 of k8s.io.api.core.v1.Container at spec.template.spec.containers[0] is not known", error.Message);
    }

    [Fact]
    public void A_field_on_the_wire_as_another_type_is_400()
    {
        var error = Refused(DeploymentWithContainer(c => { c.WriteTag(2, WireFormat.WireType.Varint); c.WriteInt32(1); }));

        Assert.Equal(400, error.Code);
        Assert.Contains("spec.template.spec.containers[0].image (field 2)", error.Message);
    }

    [Fact]
    public void Bytes_without_the_k8s_magic_are_400()
    {
        var error = Refused("""{"kind":"Namespace"}"""u8.ToArray());

        Assert.Equal(400, error.Code);
        Assert.Contains("does not start with the bytes 6b 38 73 00", error.Message);
    }

    [Fact]
    public void A_truncated_message_is_400()
    {
        var body = KubectlBodies.Read("create-deployment");

        var error = Refused(body[..^20]);

        Assert.Equal(400, error.Code);
        Assert.Contains("malformed", error.Message);
    }

    [Fact]
    public void An_encoded_envelope_is_415()
    {
        var error = Refused(Envelope("v1", "Namespace", Metadata("a"), contentEncoding: "gzip"));

        Assert.Equal(415, error.Code);
        Assert.Contains("\"gzip\"", error.Message);
    }

    [Fact]
    public void An_envelope_without_a_kind_is_400()
    {
        var error = Refused(Envelope("v1", "", Metadata("a")));

        Assert.Equal(400, error.Code);
    }

    [Fact]
    public void Delete_options_from_a_typed_client_read_with_their_pointer_fields()
    {
        var body = Envelope("v1", "DeleteOptions", Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(0);
            Text(o, 4, "Foreground");
            Text(o, 5, "All");
        }));

        var json = ProtobufBody.ToJson(body).Value!;

        Assert.Equal(0, json["gracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal("Foreground", json["propagationPolicy"]!.GetValue<string>());
        Assert.Equal("All", json["dryRun"]![0]!.GetValue<string>());
    }
}
