using System.Text.Json.Nodes;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>What one field holds on the wire and how it reads as JSON.</summary>
public enum ProtoType
{
    String,
    /// <summary>Bytes, written in JSON as base64 (Secret data, ConfigMap binaryData).</summary>
    Bytes,
    Bool,
    Int32,
    Int64,
    Message,
    /// <summary>A field of Kubernetes' message the Api does not read from protobuf (a probe, a security context):
    /// a body that carries it is refused, naming it, rather than read without it.</summary>
    NotRead,
}

/// <summary>How a field sits in its message.</summary>
public enum ProtoShape
{
    Single,
    Repeated,
    /// <summary><c>map&lt;string, V&gt;</c>: repeated entries of key (1) and value (2), a JSON object.</summary>
    Map,
    /// <summary>A Go struct embedded without a JSON name (<c>LocalObjectReference</c> in a key selector): its fields
    /// are the parent's.</summary>
    Inline,
}

/// <summary>One field of a Kubernetes generated.proto message. <paramref name="Pointer"/> is true where the Go field is a
/// pointer: Go's marshalling writes every other field even when it holds its zero value, so a zero there means
/// "not set" and is left out of the JSON as Go's <c>omitempty</c> would; a pointer's zero (replicas 0, a false
/// bool) was set on purpose and is kept.</summary>
public sealed record ProtoField(int Number, string JsonName, ProtoType Type, ProtoShape Shape = ProtoShape.Single,
    bool Pointer = false, ProtoMessage? Message = null);

/// <summary>One message of Kubernetes' generated.proto files by field number; <paramref name="Convert"/> turns the
/// decoded fields into the JSON value Kubernetes writes for it where that is not an object (IntOrString, Quantity,
/// Time), returning null for its zero value.</summary>
public sealed class ProtoMessage(string name, IEnumerable<ProtoField> fields, Func<JsonObject, JsonNode?>? convert = null)
{
    private readonly Dictionary<int, ProtoField> _fields = fields.ToDictionary(f => f.Number);

    /// <summary>The message's full protobuf name (<c>k8s.io.api.core.v1.Container</c>).</summary>
    public string Name { get; } = name;

    public Func<JsonObject, JsonNode?>? Convert { get; } = convert;

    public ProtoField? Field(int number) => _fields.GetValueOrDefault(number);

    public IEnumerable<ProtoField> Fields => _fields.Values;
}

/// <summary>Short constructors for the declarative schemas (<see cref="MetaV1Messages"/> and the others).</summary>
internal static class Proto
{
    public static ProtoField String(int number, string name, bool pointer = false) => new(number, name, ProtoType.String, Pointer: pointer);
    public static ProtoField Bool(int number, string name, bool pointer = false) => new(number, name, ProtoType.Bool, Pointer: pointer);
    public static ProtoField Int32(int number, string name, bool pointer = false) => new(number, name, ProtoType.Int32, Pointer: pointer);
    public static ProtoField Int64(int number, string name, bool pointer = false) => new(number, name, ProtoType.Int64, Pointer: pointer);
    public static ProtoField Message(int number, string name, ProtoMessage message, bool pointer = false) =>
        new(number, name, ProtoType.Message, Pointer: pointer, Message: message);
    public static ProtoField Strings(int number, string name) => new(number, name, ProtoType.String, ProtoShape.Repeated);
    public static ProtoField List(int number, string name, ProtoMessage message) => new(number, name, ProtoType.Message, ProtoShape.Repeated, Message: message);
    public static ProtoField StringMap(int number, string name) => new(number, name, ProtoType.String, ProtoShape.Map);
    public static ProtoField BytesMap(int number, string name) => new(number, name, ProtoType.Bytes, ProtoShape.Map);
    public static ProtoField MessageMap(int number, string name, ProtoMessage value) => new(number, name, ProtoType.Message, ProtoShape.Map, Message: value);
    public static ProtoField Inline(int number, string goName, ProtoMessage message) => new(number, goName, ProtoType.Message, ProtoShape.Inline, Message: message);
    public static ProtoField NotRead(int number, string name) => new(number, name, ProtoType.NotRead);
}
