using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Requests;

/// <summary>The Status objects the Api answers with, worded as Kubernetes words them.</summary>
public static class ApiErrors
{
    public static Status NotFound(ResourceKind kind, string name) => Failure(404, StatusReasons.NotFound,
        $"{kind.Plural} \"{name}\" not found", Details(kind, name));

    /// <summary>A path nothing is served at (an unknown group-version, say).</summary>
    public static Status PathNotFound(string path) => Failure(404, StatusReasons.NotFound,
        "the server could not find the requested resource", new StatusDetails
        {
            Causes = [new StatusCause { Reason = "UnexpectedServerResponse", Message = $"404 page not found: {path}" }],
        });

    public static Status NotAcceptable(string accept, string served) => Failure(406, StatusReasons.NotAcceptable,
        $"only the following media types are accepted: {served} (got \"{accept}\")");

    public static Status AlreadyExists(ResourceKind kind, string name) => Failure(409, StatusReasons.AlreadyExists,
        $"{kind.Plural} \"{name}\" already exists", Details(kind, name));

    public static Status Conflict(ResourceKind kind, string name, string why) => Failure(409, StatusReasons.Conflict,
        $"Operation cannot be fulfilled on {kind.Plural} \"{name}\": {why}", Details(kind, name));

    public static Status StaleResourceVersion(ResourceKind kind, string name) =>
        Conflict(kind, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static Status Invalid(ResourceKind kind, string name, IReadOnlyList<FieldError> errors) =>
        Failure(422, StatusReasons.Invalid, FieldErrors.InvalidMessage(kind.Kind, name, errors), Details(kind, name) with
        {
            Kind = kind.Kind,
            Causes = errors.Select(e => e.ToStatusCause()).ToList(),
        });

    public static Status BadRequest(string message, string? field = null) => Failure(400, StatusReasons.BadRequest, message,
        field is null ? null : new StatusDetails { Causes = [new StatusCause { Reason = FieldErrorTypes.Invalid, Message = message, Field = field }] });

    public static Status Unauthorized() => Failure(401, StatusReasons.Unauthorized, "Unauthorized");

    /// <summary>Kubernetes' 403 for a request the authorizer refused (apiserver's forbiddenMessage and NewForbidden):
    /// <c>deployments.apps "web" is forbidden: User "alice" cannot get resource "deployments/scale" in API group "apps" in
    /// the namespace "team-b"</c>, with the authorizer's reason after a colon when it gave one.</summary>
    public static Status Forbidden(string user, string verb, ResourceKind kind, string? @namespace, string? reason = null, string? name = null,
        string? subresource = null)
    {
        var scope = string.IsNullOrEmpty(@namespace) ? "at the cluster scope" : $"in the namespace \"{@namespace}\"";
        var resource = string.IsNullOrEmpty(subresource) ? kind.Plural : $"{kind.Plural}/{subresource}";
        var qualified = kind.Group.Length == 0 ? kind.Plural : $"{kind.Plural}.{kind.Group}";
        var subject = string.IsNullOrEmpty(name) ? qualified : $"{qualified} \"{name}\"";
        var message = $"{subject} is forbidden: User \"{user}\" cannot {verb} resource \"{resource}\" in API group \"{kind.Group}\" {scope}";
        return Failure(403, StatusReasons.Forbidden, string.IsNullOrEmpty(reason) ? message : $"{message}: {reason}",
            new StatusDetails { Name = string.IsNullOrEmpty(name) ? null : name, Kind = kind.Plural, Group = kind.Group });
    }

    /// <summary>A write an admission step refused (a quota, a limit range): <c>pods "web-1" is forbidden: {why}</c>, the
    /// resource named as Kubernetes' GroupResource prints it (<c>deployments.apps</c>).</summary>
    public static Status AdmissionForbidden(ResourceKind kind, string name, string why) => Failure(403, StatusReasons.Forbidden,
        $"{(kind.Group.Length == 0 ? kind.Plural : $"{kind.Plural}.{kind.Group}")} \"{name}\" is forbidden: {why}", Details(kind, name));

    /// <summary>A create in a namespace whose deletion has begun.</summary>
    public static Status NamespaceTerminating(ResourceKind kind, string name, string @namespace) => Failure(403, StatusReasons.Forbidden,
        $"{kind.Plural} \"{name}\" is forbidden: unable to create new content in namespace {@namespace} because it is being terminated",
        Details(kind, name) with { Causes = [new StatusCause { Reason = "NamespaceTerminating", Message = $"namespace {@namespace} is terminating", Field = "metadata.namespace" }] });

    public static Status UnsupportedMediaType(string contentType, IEnumerable<string> accepted) => Failure(415, StatusReasons.UnsupportedMediaType,
        $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)} (got \"{contentType}\")");

    /// <summary>415 for a body in a supported media type whose content is not read in it (a protobuf body of a kind or
    /// with a field the Api reads only as JSON), naming the field when there is one.</summary>
    public static Status UnsupportedBody(string message, string? field = null) => Failure(415, StatusReasons.UnsupportedMediaType, message,
        field is null ? null : new StatusDetails { Causes = [new StatusCause { Reason = FieldErrorTypes.NotSupported, Message = message, Field = field }] });

    /// <summary>Server-side apply is not served; kubectl's client-side apply (a strategic merge patch) is.</summary>
    public static Status ServerSideApplyUnsupported(string contentType, IEnumerable<string> accepted) => Failure(415, StatusReasons.UnsupportedMediaType,
        $"server-side apply ({contentType}) is not supported: use client-side apply (kubectl apply without --server-side, which sends a " +
        $"strategic merge patch) - accepted media types include: {string.Join(", ", accepted)}");

    /// <summary>A patch that cannot be applied to the object, or whose result strict decoding refuses: 422 on the
    /// field it concerns (<c>patch</c> itself when there is no better one), as kube-apiserver answers.</summary>
    public static Status InvalidPatch(ResourceKind kind, string name, string field, string message) => Failure(422, StatusReasons.Invalid,
        $"{kind.Kind} {FieldError.Quote(name)} is invalid: {field}: {message}",
        Details(kind, name) with { Kind = kind.Kind, Causes = [new StatusCause { Reason = FieldErrorTypes.Invalid, Message = message, Field = field }] });

    public static Status RequestEntityTooLarge(string message) => Failure(413, StatusReasons.RequestEntityTooLarge, message);

    public static Status ServiceUnavailable(string message) => Failure(503, StatusReasons.ServiceUnavailable, message);

    /// <summary>405: the verb is not served for this resource (watch on leases, say), with why when there is more to say.</summary>
    public static Status MethodNotAllowed(string? message = null) =>
        Failure(405, StatusReasons.MethodNotAllowed, message ?? "the server does not allow this method on the requested resource");

    /// <summary>410 Expired: what a watch resuming from a resourceVersion older than the watch cache's history gets.</summary>
    public static Status Expired(string message) => Failure(410, StatusReasons.Expired, message);

    /// <summary>504 Timeout: a watch asked for a resourceVersion the cache did not reach in time (storage.NewTooLargeResourceVersionError).</summary>
    public static Status TooLargeResourceVersion(long requested, long current) => Failure(504, "Timeout",
        $"Timeout: Too large resource version: {requested}, current: {current}",
        new StatusDetails { RetryAfterSeconds = 1, Causes = [new StatusCause { Reason = "ResourceVersionTooLarge", Message = "Too large resource version" }] });

    /// <summary>429: the request cannot be served yet (the watch cache is still loading), retry after a second.</summary>
    public static Status TooManyRequests(string message, int retryAfterSeconds = 1) =>
        Failure(429, "TooManyRequests", message, new StatusDetails { RetryAfterSeconds = retryAfterSeconds });

    /// <summary>422 Invalid ListOptions (resourceVersionMatch and sendInitialEvents on a watch, say).</summary>
    public static Status InvalidOptions(IReadOnlyList<FieldError> errors) =>
        Failure(422, StatusReasons.Invalid, FieldErrors.InvalidMessage("ListOptions.meta.k8s.io", "", errors), new StatusDetails
        {
            Group = "meta.k8s.io",
            Kind = "ListOptions",
            Causes = errors.Select(e => e.ToStatusCause()).ToList(),
        });

    public static Status Success(ResourceKind kind, string name, string uid) => new()
    {
        Outcome = "Success",
        Code = 200,
        Details = Details(kind, name) with { Uid = uid },
    };

    private static StatusDetails Details(ResourceKind kind, string name) => new() { Name = name, Group = kind.Group, Kind = kind.Plural };

    private static Status Failure(int code, string reason, string message, StatusDetails? details = null) =>
        new() { Code = code, Reason = reason, Message = message, Details = details };
}
