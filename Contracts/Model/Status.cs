using System.Text.Json.Serialization;

namespace EventOrch.Contracts.Model;

/// <summary>The meta/v1 Status object returned for errors and some deletes.</summary>
public sealed record Status
{
    public string ApiVersion { get; init; } = "v1";
    public string Kind { get; init; } = "Status";
    public ListMeta Metadata { get; init; } = new();
    /// <summary>"Success" or "Failure".</summary>
    [JsonPropertyName("status")]
    public string Outcome { get; init; } = "Failure";
    public string? Message { get; init; }
    public string? Reason { get; init; }
    public StatusDetails? Details { get; init; }
    public int Code { get; init; }
}

public sealed record StatusDetails
{
    public string? Name { get; init; }
    public string? Group { get; init; }
    public string? Kind { get; init; }
    public string? Uid { get; init; }
    public List<StatusCause>? Causes { get; init; }
    public int? RetryAfterSeconds { get; init; }
}

public sealed record StatusCause
{
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public string? Field { get; init; }
}

/// <summary>Kubernetes' well-known Status reasons.</summary>
public static class StatusReasons
{
    public const string BadRequest = "BadRequest";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string NotFound = "NotFound";
    public const string AlreadyExists = "AlreadyExists";
    public const string Conflict = "Conflict";
    public const string Invalid = "Invalid";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string NotAcceptable = "NotAcceptable";
    public const string Expired = "Expired";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string InternalError = "InternalError";
    public const string RequestEntityTooLarge = "RequestEntityTooLarge";
}

/// <summary>Kubernetes' field error types, used as StatusCause reasons.</summary>
public static class FieldErrorTypes
{
    public const string Required = "FieldValueRequired";
    public const string Invalid = "FieldValueInvalid";
    public const string Duplicate = "FieldValueDuplicate";
    public const string NotSupported = "FieldValueNotSupported";
    public const string Forbidden = "FieldValueForbidden";
    public const string TooLong = "FieldValueTooLong";
}
