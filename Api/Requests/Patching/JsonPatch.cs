using System.Text.Json.Nodes;

namespace EventOrch.Api.Requests.Patching;

/// <summary>RFC 6902 JSON patch: a list of operations (<c>add</c>, <c>remove</c>, <c>replace</c>, <c>move</c>,
/// <c>copy</c>, <c>test</c>) applied in order to a copy of the document; the first that fails (a <c>test</c> whose
/// value differs, a path that does not exist) fails the whole patch, which kube-apiserver answers with 422.</summary>
public static class JsonPatch
{
    private static readonly string[] Members = ["op", "path", "from", "value"];

    /// <summary>The members of the operations that RFC 6902 does not define, as strict decoding names them.</summary>
    public static IReadOnlyList<string> UnknownFields(JsonArray operations) =>
        operations.OfType<JsonObject>().SelectMany(op => op.Select(p => p.Key)).Where(k => !Members.Contains(k))
            .Distinct(StringComparer.Ordinal).Select(k => $"json patch unknown field \"{k}\"").ToList();

    public static PatchResult Apply(JsonObject document, JsonArray operations)
    {
        JsonNode? result = document.DeepClone();
        for (var index = 0; index < operations.Count; index++)
        {
            if (operations[index] is not JsonObject operation)
                return new PatchError(400, "patch", $"json patch operation {index} is not an object");
            var applied = ApplyOne(result, operation);
            if (applied.Error is { } error)
                return new PatchError(422, "patch", $"json patch operation {index} ({Describe(operation)}) failed: {error}");
            result = applied.Document;
        }
        return result is JsonObject obj ? obj : new PatchError(422, "patch", "the json patch must leave an object");
    }

    private readonly record struct Outcome(JsonNode? Document, string? Error)
    {
        public static Outcome Fail(string error) => new(null, error);
    }

    private static Outcome ApplyOne(JsonNode? document, JsonObject operation)
    {
        if (operation["op"] is not JsonValue opValue || !opValue.TryGetValue<string>(out var op))
            return Outcome.Fail("it has no \"op\"");
        if (operation["path"] is not JsonValue pathValue || !pathValue.TryGetValue<string>(out var pathText))
            return Outcome.Fail("it has no \"path\"");
        if (!JsonPointer.TryParse(pathText, out var path, out var pathError)) return Outcome.Fail(pathError!);
        var hasValue = operation.TryGetPropertyValue("value", out var value);

        switch (op)
        {
            case "add":
                return hasValue ? Add(document, path, value?.DeepClone()) : Outcome.Fail("it has no \"value\"");
            case "remove":
                return Remove(document, path).Outcome;
            case "replace":
                if (!hasValue) return Outcome.Fail("it has no \"value\"");
                if (!path.TryFind(document, out _)) return Outcome.Fail($"the path \"{path}\" does not exist");
                return path.IsRoot ? new Outcome(value?.DeepClone(), null) : Add(Remove(document, path).Outcome.Document, path, value?.DeepClone());
            case "move":
            {
                if (From(operation) is not { } from) return Outcome.Fail("it has no valid \"from\"");
                if (path.IsInside(from)) return Outcome.Fail($"\"{from}\" cannot be moved into itself (\"{path}\")");
                var removed = Remove(document, from);
                return removed.Outcome.Error is null ? Add(removed.Outcome.Document, path, removed.Value) : removed.Outcome;
            }
            case "copy":
            {
                if (From(operation) is not { } from) return Outcome.Fail("it has no valid \"from\"");
                return from.TryFind(document, out var copied)
                    ? Add(document, path, copied?.DeepClone())
                    : Outcome.Fail($"the path \"{from}\" does not exist");
            }
            case "test":
            {
                if (!hasValue) return Outcome.Fail("it has no \"value\"");
                var found = path.TryFind(document, out var actual);
                // As kube-apiserver's JSON patch library does, a null value matches a member that is missing.
                if (!found && value is not null) return Outcome.Fail($"the path \"{path}\" does not exist");
                return JsonNode.DeepEquals(actual, value)
                    ? new Outcome(document, null)
                    : Outcome.Fail($"the value at \"{path}\" is {actual?.ToJsonString() ?? "null"}, not {value?.ToJsonString() ?? "null"}");
            }
            default:
                return Outcome.Fail($"unknown op \"{op}\" (supported: add, remove, replace, move, copy, test)");
        }
    }

    private static JsonPointer? From(JsonObject operation) =>
        operation["from"] is JsonValue v && v.TryGetValue<string>(out var text) && JsonPointer.TryParse(text, out var from, out _) ? from : null;

    private static Outcome Add(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot) return new Outcome(value, null);
        if (!path.Parent.TryFind(document, out var parent)) return Outcome.Fail($"the path \"{path.Parent}\" does not exist");
        switch (parent)
        {
            case JsonObject obj:
                obj[path.Last] = value;
                return new Outcome(document, null);
            case JsonArray array when path.Last == "-":
                array.Add(value);
                return new Outcome(document, null);
            case JsonArray array when JsonPointer.TryIndex(path.Last, array.Count + 1, out var index):
                array.Insert(index, value);
                return new Outcome(document, null);
            case JsonArray array:
                return Outcome.Fail($"\"{path.Last}\" is not an index of the {array.Count} elements at \"{path.Parent}\"");
            default:
                return Outcome.Fail($"the value at \"{path.Parent}\" is neither an object nor an array");
        }
    }

    private static (Outcome Outcome, JsonNode? Value) Remove(JsonNode? document, JsonPointer path)
    {
        if (path.IsRoot) return (Outcome.Fail("the whole document cannot be removed"), null);
        if (!path.TryFind(document, out var value)) return (Outcome.Fail($"the path \"{path}\" does not exist"), null);
        path.Parent.TryFind(document, out var parent);
        switch (parent)
        {
            case JsonObject obj:
                obj.Remove(path.Last);
                break;
            case JsonArray array:
                JsonPointer.TryIndex(path.Last, array.Count, out var index);
                array.RemoveAt(index);
                break;
        }
        return (new Outcome(document, null), value);
    }

    private static string Describe(JsonObject operation) =>
        $"{operation["op"]?.ToString() ?? "?"} {operation["path"]?.ToString() ?? ""}".Trim();
}
