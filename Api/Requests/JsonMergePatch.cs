using System.Text.Json.Nodes;

namespace EventOrch.Api.Requests;

/// <summary>RFC 7386 JSON merge patch: objects merge, null removes, anything else replaces.</summary>
public static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target as JsonObject is { } targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null) result.Remove(name);
            else result[name] = Apply(result[name], value);
        }
        return result;
    }
}
