using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Api.Requests;

/// <summary>Writes objects and Status errors as Kubernetes clients expect them.</summary>
public static class KubeResults
{
    public static IResult Object<T>(T value, int statusCode = 200) =>
        Results.Json(value, KubeJson.Options, contentType: "application/json", statusCode: statusCode);

    public static IResult Error(Status status) => Results.Json(status, KubeJson.Options, contentType: "application/json", statusCode: status.Code);

    /// <summary>The value with any warnings as Warning headers, or the error.</summary>
    public static IResult From<T>(HttpContext context, ApiResult<T> result, int successCode = 200)
    {
        if (result.Error is { } error) return Error(error);
        foreach (var warning in result.Warnings ?? [])
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"")}\"");
        return Object(result.Value, successCode);
    }
}
