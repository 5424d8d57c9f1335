using EventOrch.Contracts.Model;

namespace EventOrch.ClientRuntime.ApiClient;

/// <summary>The Api answered with a Status error.</summary>
public sealed class ApiException(Status status) : Exception(status.Message)
{
    public Status Status { get; } = status;
    public int Code => Status.Code;
    public bool IsNotFound => Status.Code == 404;
    public bool IsConflict => Status.Code == 409;
}
