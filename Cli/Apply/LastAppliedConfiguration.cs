using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Apply;

/// <summary>The annotation in which kubectl apply (and eoctl apply) keeps the last file applied to an object, so the
/// next apply can tell the fields it gave and no longer gives (to remove) from the fields others gave (to keep). Written
/// as kubectl writes it (compact JSON, keys sorted, a final newline), so either tool can apply after the other.</summary>
public static class LastAppliedConfiguration
{
    public const string Annotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>The file's object with the annotation set to the file's object itself (without the annotation).</summary>
    public static JsonObject Annotate(JsonObject applied)
    {
        var withoutAnnotation = (JsonObject)applied.DeepClone();
        RemoveAnnotation(withoutAnnotation);
        var annotated = (JsonObject)withoutAnnotation.DeepClone();
        var metadata = annotated["metadata"] as JsonObject ?? new JsonObject();
        annotated["metadata"] = metadata;
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        metadata["annotations"] = annotations;
        annotations[Annotation] = KubeJson.Canonical(withoutAnnotation)!.ToJsonString() + "\n";
        return annotated;
    }

    /// <summary>The last applied object recorded on a live one; null when there is none or it is not JSON.</summary>
    public static JsonObject? Read(JsonObject live)
    {
        if (live["metadata"]?["annotations"]?[Annotation] is not JsonValue value || value.GetValueKind() != JsonValueKind.String) return null;
        try
        {
            return JsonNode.Parse(value.GetValue<string>()) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void RemoveAnnotation(JsonObject obj)
    {
        if (obj["metadata"]?["annotations"] is not JsonObject annotations) return;
        annotations.Remove(Annotation);
        if (annotations.Count == 0) ((JsonObject)obj["metadata"]!).Remove("annotations");
    }
}
