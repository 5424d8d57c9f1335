using System.Security.Claims;
using System.Threading.Channels;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Model.Audit;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Refusals;

/// <summary>Takes note of every refused request (401, 403, 429) as the answer leaves, and hands it to
/// <see cref="RefusalWriter"/>: the request does not wait for PostgreSQL. A refusal changes nothing, so it is a row of
/// its own table, not an event of the record.</summary>
public sealed partial class RefusalLog(IOptions<RefusalOptions> options, TimeProvider time, ILogger<RefusalLog> logger)
{
    private readonly Channel<Refusal> _queue = Channel.CreateBounded<Refusal>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;

    public static bool IsRefusal(int statusCode) => statusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
        or StatusCodes.Status429TooManyRequests;

    internal ChannelReader<Refusal> Queue => _queue.Reader;

    /// <summary>Refusals not kept because the queue was full, since the Api started.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(HttpContext context)
    {
        var refusal = Describe(context, time.GetUtcNow());
        if (_queue.Writer.TryWrite(refusal)) return;
        if (Interlocked.Increment(ref _dropped) % 1000 == 1) LogDropped(Dropped);
    }

    /// <summary>The refusal of a request that has been answered: who, what (in the authorizer's terms when it got that
    /// far) and the Status it was given.</summary>
    public static Refusal Describe(HttpContext context, DateTimeOffset now)
    {
        var request = context.Request;
        var status = context.AnsweredStatus();
        var attributes = context.Attributes();
        var code = context.Response.StatusCode;
        var groups = context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return new Refusal
        {
            Time = now,
            Code = code,
            Reason = status?.Reason ?? ReasonOf(code),
            Message = status?.Message ?? "",
            User = context.UserName(),
            Groups = groups.Count > 0 ? groups : null,
            Verb = attributes?.Verb ?? VerbOf(request),
            // A refusal decided before the authorizer was asked still names its resource in the Status's details.
            ApiGroup = attributes?.Kind.Group ?? status?.Details?.Group,
            Resource = attributes?.Kind.Plural ?? status?.Details?.Kind,
            Subresource = attributes?.Subresource,
            Namespace = attributes is null ? NamespaceOf(request.Path) : attributes.Namespace,
            Name = attributes?.Name,
            Method = request.Method,
            Path = Truncate(request.Path + request.QueryString, 2048),
            RequestId = context.RequestId() is { Length: > 0 } id ? id : null,
            SourceAddress = context.Connection.RemoteIpAddress?.ToString(),
            UserAgent = request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? Truncate(agent, 512) : null,
        };
    }

    private static string ReasonOf(int code) => code switch
    {
        StatusCodes.Status401Unauthorized => Contracts.Model.StatusReasons.Unauthorized,
        StatusCodes.Status403Forbidden => Contracts.Model.StatusReasons.Forbidden,
        _ => "TooManyRequests",
    };

    // Before authorisation (a 401, a 429) the verb is what the method asks for, as Kubernetes' request info reads it.
    private static string VerbOf(HttpRequest request) => request.Method switch
    {
        "GET" or "HEAD" when request.Query["watch"] is [var w] && w is "true" or "1" => "watch",
        "GET" or "HEAD" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => "delete",
        _ => request.Method.ToLowerInvariant(),
    };

    // /api/v1/namespaces/{ns}/... and /apis/{group}/{version}/namespaces/{ns}/...
    private static string? NamespaceOf(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(segments, "namespaces");
        return at is 2 or 3 && at + 2 < segments.Length ? segments[at + 1] : null;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(EventId = 1900, Level = LogLevel.Warning, Message = "The refusal log's queue is full: {Dropped} refusals not kept since start")]
    private partial void LogDropped(long dropped);
}
