using System.Net.Sockets;
using EventOrch.Contracts.Model;

namespace EventOrch.Cli.Output;

/// <summary>Errors worded as kubectl words them (k8s.io/kubectl/pkg/cmd/util StandardErrorMessage).</summary>
public static class ErrorMessages
{
    /// <summary><c>Error from server (NotFound): pods "x" not found</c>; a Status without a reason gets the one its HTTP
    /// code implies, and a message when it has none (as client-go's NewGenericServerResponse does). An Invalid one lists
    /// its causes (<c>The Deployment "web" is invalid: spec.replicas: ...</c>). <paramref name="context"/> says what
    /// was being done (<c>error when creating "web.yaml"</c>).</summary>
    public static string FromStatus(Status status, string? context = null)
    {
        var (reason, fallbackMessage) = Generic(status.Code);
        var reasonText = string.IsNullOrEmpty(status.Reason) ? reason : status.Reason;
        // A Status the client made up from a bare HTTP answer carries only the reason phrase ("Not Found").
        var bare = string.IsNullOrEmpty(status.Reason) && status.Message == ReasonPhrase(status.Code);
        var message = string.IsNullOrEmpty(status.Message) || bare ? fallbackMessage : status.Message;
        if (reasonText == StatusReasons.Invalid && status.Details is { Causes.Count: > 0 } details)
        {
            var subject = string.IsNullOrEmpty(details.Kind) ? "The request is invalid" : $"The {details.Kind} \"{details.Name}\" is invalid";
            var causes = details.Causes.Select(Cause).ToList();
            return causes.Count == 1 ? $"{subject}: {causes[0]}" : $"{subject}: \n" + string.Join("\n", causes.Select(c => "* " + c));
        }
        if (context is not null) message = $"{context}: {message}";
        if (reasonText == StatusReasons.Unauthorized) return $"error: You must be logged in to the server ({message})";
        return reasonText.Length > 0 ? $"Error from server ({reasonText}): {message}" : $"Error from server: {message}";
    }

    private static string Cause(StatusCause cause) =>
        string.IsNullOrEmpty(cause.Field) ? cause.Message ?? "" : $"{cause.Field}: {cause.Message}";

    /// <summary>The Api could not be reached: refused, or another transport failure.</summary>
    public static string FromTransport(HttpRequestException exception, Uri server)
    {
        var hostPort = $"{server.Host}:{server.Port}";
        return exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            ? $"The connection to the server {hostPort} was refused - did you specify the right host or port?"
            : $"Unable to connect to the server: {exception.Message}";
    }

    private static (string Reason, string Message) Generic(int code) => code switch
    {
        400 => (StatusReasons.BadRequest, "the server rejected our request for an unknown reason"),
        401 => (StatusReasons.Unauthorized, "the server has asked for the client to provide credentials"),
        403 => (StatusReasons.Forbidden, "the server does not allow access to the requested resource"),
        404 => (StatusReasons.NotFound, "the server could not find the requested resource"),
        405 => (StatusReasons.MethodNotAllowed, "the server does not allow this method on the requested resource"),
        406 => (StatusReasons.NotAcceptable, "the server was unable to respond with a content type that the client supports"),
        409 => (StatusReasons.Conflict, "the server reported a conflict"),
        410 => (StatusReasons.Expired, "the server has expired the requested resource version"),
        415 => (StatusReasons.UnsupportedMediaType, "the server was unable to handle the media type of the request"),
        422 => (StatusReasons.Invalid, "the server rejected our request due to an error in our request"),
        429 => ("TooManyRequests", "the server has received too many requests and has asked us to try again later"),
        500 => (StatusReasons.InternalError, "an error on the server has prevented the request from succeeding"),
        503 => (StatusReasons.ServiceUnavailable, "the server is currently unable to handle the request"),
        504 => ("Timeout", "the server was unable to return a response in the time allotted"),
        _ => ("", $"an error on the server (HTTP {code}) has prevented the request from succeeding"),
    };

    private static string ReasonPhrase(int code) =>
        code is > 0 and < 600 ? new HttpResponseMessage((System.Net.HttpStatusCode)code).ReasonPhrase ?? "" : "";
}
