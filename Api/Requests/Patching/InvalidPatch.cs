namespace EventOrch.Api.Requests.Patching;

/// <summary>Why a patch could not be applied: the HTTP code Kubernetes answers with (400 for a patch that is malformed,
/// 422 for one that does not fit the object), the field it concerns, and what is wrong.</summary>
public sealed record PatchError(int Code, string Field, string Message);

/// <summary>A patched document, or why the patch could not be applied.</summary>
public readonly record struct PatchResult(System.Text.Json.Nodes.JsonObject? Value, PatchError? Error)
{
    public static implicit operator PatchResult(System.Text.Json.Nodes.JsonObject value) => new(value, null);
    public static implicit operator PatchResult(PatchError error) => new(null, error);
}

/// <summary>Ends the application of a patch from deep inside the recursion; the patch's public entry point turns it into a
/// <see cref="PatchError"/> value at the boundary, so no caller sees it.</summary>
internal sealed class InvalidPatchException(PatchError error) : Exception(error.Message)
{
    public PatchError Error { get; } = error;

    public static InvalidPatchException BadRequest(string field, string message) => new(new PatchError(400, field, message));

    public static InvalidPatchException Unprocessable(string field, string message) => new(new PatchError(422, field, message));
}
