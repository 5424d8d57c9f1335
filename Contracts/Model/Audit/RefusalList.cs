namespace EventOrch.Contracts.Model.Audit;

/// <summary>eventorch.io/v1 RefusalList: one page of refused requests (401, 403, 429), oldest first, from
/// <c>/apis/eventorch.io/v1/refusals</c>; <c>metadata.continue</c> asks for the next. Refusals change nothing, so they
/// are not events of the record.</summary>
public sealed record RefusalList
{
    public string ApiVersion { get; init; } = AuditKinds.ApiVersion;
    public string Kind { get; init; } = AuditKinds.RefusalList;
    public ListMeta Metadata { get; init; } = new();
    public List<Refusal> Items { get; init; } = [];
}

/// <summary>One refused request: who asked, what for, and why the answer was no.</summary>
public sealed record Refusal
{
    /// <summary>The refusal's place in the log (what <c>continue</c> pages by).</summary>
    public long Id { get; init; }

    public DateTimeOffset Time { get; init; }

    /// <summary>401, 403 or 429.</summary>
    public int Code { get; init; }

    /// <summary>The Status reason: Unauthorized, Forbidden or TooManyRequests.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The Status message the caller was given.</summary>
    public string Message { get; init; } = "";

    /// <summary>The caller; <c>system:anonymous</c> when no valid token was sent.</summary>
    public string User { get; init; } = "";

    public List<string>? Groups { get; init; }

    /// <summary>What was asked for, in the authorizer's terms when the request got that far (get, list, watch, create,
    /// ...), else from the HTTP method.</summary>
    public string Verb { get; init; } = "";

    public string? ApiGroup { get; init; }
    public string? Resource { get; init; }
    public string? Subresource { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }

    public string Method { get; init; } = "";

    /// <summary>The request's path and query.</summary>
    public string Path { get; init; } = "";

    public string? RequestId { get; init; }
    public string? SourceAddress { get; init; }
    public string? UserAgent { get; init; }
}
