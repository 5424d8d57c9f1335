using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventOrch.Api.Requests.Patching;

/// <summary>The three patch types Kubernetes serves for its built-in kinds, by their media types.</summary>
public enum PatchType
{
    JsonPatch,
    MergePatch,
    StrategicMergePatch,
}

/// <summary>A PATCH body: its type, the document (an array of operations for a JSON patch, an object otherwise), and
/// what strict decoding finds wrong with it (duplicate fields; members a JSON patch operation does not have).</summary>
public sealed record PatchBody(PatchType Type, JsonNode Document, IReadOnlyList<string> StrictProblems)
{
    public const string JsonPatchMediaType = "application/json-patch+json";
    public const string MergePatchMediaType = "application/merge-patch+json";
    public const string StrategicMergePatchMediaType = "application/strategic-merge-patch+json";
    public const string ApplyPatchMediaType = "application/apply-patch+yaml";

    /// <summary>kube-apiserver's limit on the operations of one JSON patch.</summary>
    public const int MaxJsonPatchOperations = 10000;

    /// <summary>The media types a PATCH may be sent as, in the order kube-apiserver lists them.</summary>
    public static readonly IReadOnlyList<string> MediaTypes = [JsonPatchMediaType, MergePatchMediaType, StrategicMergePatchMediaType];

    public static async Task<ApiResult<PatchBody>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var contentType = RequestBody.MediaTypeOf(request, absent: "");
        PatchType type;
        switch (contentType)
        {
            case JsonPatchMediaType: type = PatchType.JsonPatch; break;
            case MergePatchMediaType: type = PatchType.MergePatch; break;
            case StrategicMergePatchMediaType: type = PatchType.StrategicMergePatch; break;
            case ApplyPatchMediaType or "application/apply-patch+cbor": return ApiErrors.ServerSideApplyUnsupported(contentType, MediaTypes);
            default: return ApiErrors.UnsupportedMediaType(contentType, MediaTypes);
        }

        var text = await RequestBody.ReadTextAsync(request, cancellationToken);
        if (!text.IsSuccess) return text.Error!;
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(text.Value!);
        }
        catch (JsonException ex)
        {
            return ApiErrors.BadRequest($"invalid {NameOf(type)}: {ex.Message}");
        }
        using (parsed)
        {
            var root = parsed.RootElement;
            if (type == PatchType.JsonPatch && root.ValueKind != JsonValueKind.Array)
                return ApiErrors.BadRequest($"a JSON patch ({JsonPatchMediaType}) must be an array of operations, not {Article(root.ValueKind)}");
            if (type == PatchType.JsonPatch && root.GetArrayLength() > MaxJsonPatchOperations)
                return ApiErrors.RequestEntityTooLarge($"The allowed maximum operations in a JSON patch is {MaxJsonPatchOperations}, got {root.GetArrayLength()}");
            if (type != PatchType.JsonPatch && root.ValueKind != JsonValueKind.Object)
                return ApiErrors.BadRequest($"a {NameOf(type)} must be a JSON object, not {Article(root.ValueKind)}");

            var problems = new List<string>();
            FindDuplicates(root, "", problems);
            // Rebuilt from the parse, so a duplicated field is one field (the last one, as in Kubernetes).
            var document = PatchTree.ToNode(PatchTree.From(root))!;
            if (document is JsonArray operations) problems.AddRange(JsonPatch.UnknownFields(operations));
            return new PatchBody(type, document, problems);
        }
    }

    private static void FindDuplicates(JsonElement element, string path, List<string> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var field = PatchTree.Child(path, property.Name);
                    if (!seen.Add(property.Name)) problems.Add($"duplicate field \"{field}\"");
                    FindDuplicates(property.Value, field, problems);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) FindDuplicates(item, PatchTree.Item(path, index++), problems);
                break;
        }
    }

    private static string NameOf(PatchType type) => type switch
    {
        PatchType.JsonPatch => "JSON patch",
        PatchType.MergePatch => "merge patch",
        _ => "strategic merge patch",
    };

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
