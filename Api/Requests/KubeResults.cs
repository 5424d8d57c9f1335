using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Api.Requests;

/// <summary>Writes objects and Status errors as Kubernetes clients expect them.</summary>
public static class KubeResults
{
    public static IResult Object<T>(T value, int statusCode = 200) =>
        Results.Json(value, KubeJson.Options, contentType: "application/json", statusCode: statusCode);

    /// <summary>The Status as the answer; it is also kept on the request (<see cref="AnsweredStatus"/>), so what logs a
    /// refusal can say why.</summary>
    public static IResult Error(Status status) => new StatusResult(status);

    private const string StatusItem = "eo.status";

    /// <summary>The Status a request was answered with, when it was answered with one.</summary>
    public static Status? AnsweredStatus(this HttpContext context) => context.Items[StatusItem] as Status;

    private sealed class StatusResult(Status status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Items[StatusItem] = status;
            return Results.Json(status, KubeJson.Options, contentType: "application/json", statusCode: status.Code).ExecuteAsync(httpContext);
        }
    }

    /// <summary>The value with any warnings as Warning headers, or the error.</summary>
    public static IResult From<T>(HttpContext context, ApiResult<T> result, int successCode = 200)
    {
        if (result.Error is { } error) return Error(error);
        foreach (var warning in result.Warnings ?? [])
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"")}\"");
        return Object(result.Value, successCode);
    }
}
