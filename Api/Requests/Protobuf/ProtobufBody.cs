using System.Text.Json.Nodes;
using Google.Protobuf;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>Request bodies in Kubernetes' protobuf encoding (<c>application/vnd.kubernetes.protobuf</c>), which
/// kubectl's generators and Go's typed clients send: the magic bytes <c>k8s\0</c>, then a <c>runtime.Unknown</c>
/// (typeMeta {apiVersion, kind}, raw, contentEncoding, contentType) whose raw is the object's message. Read into the
/// JSON form of the object, so the rest of the request goes as a JSON body's would.</summary>
public static class ProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    /// <summary>The object as JSON, with apiVersion and kind from the envelope; 400 when the bytes are not a Kubernetes
    /// protobuf message, 415 when the kind, an encoding or a field of it is not read from protobuf.</summary>
    public static ApiResult<JsonNode> ToJson(byte[] body)
    {
        if (body.Length == 0) return ApiErrors.BadRequest("the request body is empty");
        if (!body.AsSpan().StartsWith(Magic))
            return ApiErrors.BadRequest("the request body is not a Kubernetes protobuf message: it does not start with the bytes 6b 38 73 00 (\"k8s\\0\")");
        try
        {
            var envelope = Envelope.Read(body[Magic.Length..]);
            if (envelope.ContentEncoding.Length > 0)
                return ApiErrors.UnsupportedBody($"protobuf bodies with the content encoding \"{envelope.ContentEncoding}\" are not read; send them unencoded", "contentEncoding");
            if (envelope.ContentType.Length > 0 && envelope.ContentType != MediaType)
                return ApiErrors.UnsupportedBody($"a protobuf envelope holding \"{envelope.ContentType}\" is not read; send that body as itself", "contentType");
            if (envelope.Kind.Length == 0) return ApiErrors.BadRequest("the protobuf body's typeMeta has no kind", "kind");

            var what = envelope.ApiVersion.Length == 0 ? envelope.Kind : $"{envelope.Kind} ({envelope.ApiVersion})";
            if (ProtobufKinds.Find(envelope.ApiVersion, envelope.Kind) is not { } message)
                return ApiErrors.UnsupportedBody($"{what} is not read from protobuf (the Api reads {ProtobufKinds.Served}); send it as JSON or YAML");

            // The objects' messages have no typeMeta of their own: it travels in the envelope.
            var node = new ProtoJsonReader(what).Read(envelope.Raw, message, "");
            node["apiVersion"] = envelope.ApiVersion;
            node["kind"] = envelope.Kind;
            return node;
        }
        catch (ProtobufBodyException ex)
        {
            return ex.Status;
        }
        catch (InvalidProtocolBufferException ex)
        {
            return ApiErrors.BadRequest($"the protobuf request body is malformed: {ex.Message}");
        }
    }

    /// <summary>Reads the whole body, then <see cref="ToJson"/>.</summary>
    public static async Task<ApiResult<JsonNode>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return ToJson(buffer.ToArray());
    }

    // runtime.Unknown: typeMeta 1 (apiVersion 1, kind 2), raw 2, contentEncoding 3, contentType 4.
    private sealed record Envelope(string ApiVersion, string Kind, byte[] Raw, string ContentEncoding, string ContentType)
    {
        public static Envelope Read(byte[] bytes)
        {
            var envelope = new Envelope("", "", [], "", "");
            var input = new CodedInputStream(bytes);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
                    throw Malformed($"field {WireFormat.GetTagFieldNumber(tag)} of runtime.Unknown is not length-delimited");
                envelope = WireFormat.GetTagFieldNumber(tag) switch
                {
                    1 => ReadTypeMeta(input.ReadBytes().ToByteArray(), envelope),
                    2 => envelope with { Raw = input.ReadBytes().ToByteArray() },
                    3 => envelope with { ContentEncoding = input.ReadString() },
                    4 => envelope with { ContentType = input.ReadString() },
                    var other => throw Malformed($"runtime.Unknown has no field {other}"),
                };
            }
            return envelope;
        }

        private static Envelope ReadTypeMeta(byte[] bytes, Envelope envelope)
        {
            var input = new CodedInputStream(bytes);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
                    throw Malformed($"field {WireFormat.GetTagFieldNumber(tag)} of runtime.TypeMeta is not length-delimited");
                envelope = WireFormat.GetTagFieldNumber(tag) switch
                {
                    1 => envelope with { ApiVersion = input.ReadString() },
                    2 => envelope with { Kind = input.ReadString() },
                    var other => throw Malformed($"runtime.TypeMeta has no field {other}"),
                };
            }
            return envelope;
        }

        private static ProtobufBodyException Malformed(string message) =>
            new(ApiErrors.BadRequest($"the protobuf request body is malformed: {message}"));
    }
}
