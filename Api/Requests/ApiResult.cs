using EventOrch.Contracts.Model;

namespace EventOrch.Api.Requests;

/// <summary>The outcome of an Api operation: a value, or a Status saying why not.</summary>
public readonly record struct ApiResult<T>(T? Value, Status? Error, IReadOnlyList<string>? Warnings = null)
{
    public bool IsSuccess => Error is null;

    public static implicit operator ApiResult<T>(T value) => new(value, null);
    public static implicit operator ApiResult<T>(Status error) => new(default, error);
}
