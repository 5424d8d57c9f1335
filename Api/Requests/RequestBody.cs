using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Api.Requests.Protobuf;
using EventOrch.ClientRuntime.Serialization;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using YamlDotNet.Core;

namespace EventOrch.Api.Requests;

/// <summary>Reads request bodies: JSON, YAML or Kubernetes protobuf (read into JSON first), typed against a kind, with unknown fields treated as the
/// fieldValidation parameter asks (Kubernetes' default is Warn).</summary>
public static class RequestBody
{
    private static readonly JsonSerializerOptions StrictDecoding = new(KubeJson.Strict) { AllowDuplicateProperties = false };

    /// <summary>What an object body may be sent as (a patch: see <see cref="Patching.PatchBody"/>).</summary>
    public static readonly string[] ObjectMediaTypes = ["application/json", "application/yaml", "application/x-yaml", "text/yaml", ProtobufBody.MediaType];

    /// <summary>The body typed as the kind's object: the fieldValidation parameter checked, the body read as one of
    /// <paramref name="mediaTypes"/> (by default <see cref="ObjectMediaTypes"/>), then <see cref="ToObject"/>.</summary>
    public static Task<ApiResult<T>> ReadObjectAsync<T>(HttpRequest request, ResourceKind kind, string? fieldValidation,
        IReadOnlyCollection<string>? mediaTypes, CancellationToken cancellationToken) where T : class, IKubeObject =>
        ReadObjectAsync<T>(request, _ => kind, fieldValidation, mediaTypes, cancellationToken);

    /// <summary>As the other overload, for a body that may be one of several versions: <paramref name="kindOf"/> chooses
    /// the kind from the body, or refuses it.</summary>
    public static async Task<ApiResult<T>> ReadObjectAsync<T>(HttpRequest request, Func<JsonNode, ApiResult<ResourceKind>> kindOf,
        string? fieldValidation, IReadOnlyCollection<string>? mediaTypes, CancellationToken cancellationToken) where T : class, IKubeObject
    {
        var validation = ParseFieldValidation(fieldValidation);
        if (!validation.IsSuccess) return validation.Error!;
        var node = await ReadAsync(request, mediaTypes ?? ObjectMediaTypes, cancellationToken);
        if (!node.IsSuccess) return node.Error!;
        var kind = kindOf(node.Value!);
        if (!kind.IsSuccess) return kind.Error!;
        return ToObject<T>(node.Value!, kind.Value!, validation.Value);
    }

    public static async Task<ApiResult<JsonNode>> ReadAsync(HttpRequest request, IReadOnlyCollection<string> mediaTypes, CancellationToken cancellationToken)
    {
        var contentType = MediaTypeOf(request, absent: "application/json");
        if (!mediaTypes.Contains(contentType)) return ApiErrors.UnsupportedMediaType(contentType, mediaTypes);
        if (contentType == ProtobufBody.MediaType) return await ProtobufBody.ReadAsync(request, cancellationToken);
        var read = await ReadTextAsync(request, cancellationToken);
        if (!read.IsSuccess) return read.Error!;
        var text = read.Value!;
        try
        {
            var node = contentType is "application/yaml" or "application/x-yaml" or "text/yaml"
                ? YamlToJson.Convert(text)
                : JsonNode.Parse(text);
            return node is JsonObject ? node : ApiErrors.BadRequest("the request body must be an object");
        }
        catch (Exception ex) when (ex is JsonException or YamlException)
        {
            return ApiErrors.BadRequest($"the request body is not valid {(contentType.Contains("yaml") ? "YAML" : "JSON")}: {ex.Message}");
        }
    }

    /// <summary>The request's media type without its parameters, in lower case; <paramref name="absent"/> when it sends none.</summary>
    public static string MediaTypeOf(HttpRequest request, string absent) =>
        (request.ContentType ?? absent).Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>The whole body as text, refused when it is empty.</summary>
    public static async Task<ApiResult<string>> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? ApiErrors.BadRequest("the request body is empty") : text;
    }

    public static ApiResult<FieldValidation> ParseFieldValidation(string? value) => value switch
    {
        null or "" or "Warn" => FieldValidation.Warn,
        "Strict" => FieldValidation.Strict,
        "Ignore" => FieldValidation.Ignore,
        _ => ApiErrors.BadRequest($"fieldValidation parameter unsupported: {value}; must be one of Ignore, Warn or Strict", "fieldValidation"),
    };

    /// <summary>Types <paramref name="node"/> as the kind's object after checking its apiVersion and kind.</summary>
    public static ApiResult<T> ToObject<T>(JsonNode node, ResourceKind kind, FieldValidation validation) where T : class, IKubeObject
    {
        var obj = (JsonObject)node;
        if (obj["apiVersion"] is JsonValue apiVersion && apiVersion.ToString() != kind.ApiVersion)
            return ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({kind.ApiVersion})", "apiVersion");
        if (obj["kind"] is JsonValue kindValue && kindValue.ToString() != kind.Kind)
            return ApiErrors.BadRequest($"the kind in the data ({kindValue}) does not match the expected kind ({kind.Kind})", "kind");

        T? value;
        try
        {
            value = node.Deserialize<T>(KubeJson.Options);
        }
        catch (JsonException ex)
        {
            return ApiErrors.BadRequest($"{kind.Kind} in version \"{kind.Version}\" cannot be handled as a {kind.Kind}: {FieldOf(ex.Path)}: {ex.Message}", FieldOf(ex.Path));
        }
        if (value is null) return ApiErrors.BadRequest("the request body must be an object");
        if (value.Metadata is null) value = WithEmptyMetadata(value, node);

        if (validation == FieldValidation.Ignore || UnknownField<T>(node) is not { } unknown) return value;
        var problem = $"unknown field \"{unknown}\"";
        return validation == FieldValidation.Strict
            ? ApiErrors.BadRequest($"strict decoding error: {problem}", unknown)
            : new ApiResult<T>(value, null, [problem]);
    }

    /// <summary>The first field of <paramref name="node"/> the kind's object does not have (or has twice), or null.</summary>
    public static string? UnknownField<T>(JsonNode node) where T : class, IKubeObject
    {
        try
        {
            node.Deserialize<T>(StrictDecoding);
            return null;
        }
        catch (JsonException ex)
        {
            return FieldOf(ex.Path);
        }
    }

    // "metadata": null in a body leaves the property null despite its initialiser.
    private static T WithEmptyMetadata<T>(T value, JsonNode node) where T : class, IKubeObject
    {
        var copy = (JsonObject)node.DeepClone();
        copy["metadata"] = new JsonObject();
        return copy.Deserialize<T>(KubeJson.Options)!;
    }

    private static string FieldOf(string? path) => (path ?? "$").TrimStart('$').TrimStart('.');
}
