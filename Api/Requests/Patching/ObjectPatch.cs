using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Api.Requests.Patching;

/// <summary>Applies a PATCH body to a stored object, as kube-apiserver's patch handler does, and types the result as
/// the kind's object: its resourceVersion is a precondition only when the patch changed it, and fields the kind does not
/// have are treated as fieldValidation asks (Strict: 422 naming them, as Kubernetes answers for a patch).</summary>
public static class ObjectPatch
{
    public static ApiResult<T> Apply<T>(object current, PatchBody patch, ResourceKind kind, FieldValidation validation) where T : class, IKubeObject
    {
        var name = (current as IKubeObject)?.Metadata.Name ?? "";
        var original = (JsonObject)JsonSerializer.SerializeToNode(current, current.GetType(), KubeJson.Options)!;
        var patched = patch.Type switch
        {
            PatchType.MergePatch => JsonMergePatch.Apply(original, patch.Document) is JsonObject merged
                ? new PatchResult(merged, null)
                : new PatchResult(null, new PatchError(400, "", "the merge patch must leave an object")),
            PatchType.JsonPatch => JsonPatch.Apply(original, (JsonArray)patch.Document),
            _ => StrategicMergePatch.Apply(JsonSerializer.SerializeToElement(original), JsonSerializer.SerializeToElement(patch.Document),
                PatchSchema.For(current.GetType())),
        };
        if (patched.Error is { } error)
            return error.Code == 422
                ? ApiErrors.InvalidPatch(kind, name, error.Field.Length == 0 ? "patch" : error.Field, error.Message)
                : ApiErrors.BadRequest(error.Message, error.Field.Length == 0 ? null : error.Field);

        var result = patched.Value!;
        // The stored resourceVersion came with the object: it is a precondition only if the patch set another.
        if (result["metadata"] is JsonObject metadata
            && metadata["resourceVersion"]?.ToString() == original["metadata"]?["resourceVersion"]?.ToString())
            metadata.Remove("resourceVersion");

        var typed = RequestBody.ToObject<T>(result, kind, FieldValidation.Ignore);
        if (!typed.IsSuccess || validation == FieldValidation.Ignore) return typed;
        var problems = patch.StrictProblems.ToList();
        if (RequestBody.UnknownField<T>(result) is { } unknown) problems.Add($"unknown field \"{unknown}\"");
        if (problems.Count == 0) return typed;
        return validation == FieldValidation.Strict
            ? ApiErrors.InvalidPatch(kind, name, "patch", $"strict decoding error: {string.Join(", ", problems)}")
            : typed with { Warnings = problems };
    }
}
