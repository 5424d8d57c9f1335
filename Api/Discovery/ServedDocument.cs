using System.Security.Cryptography;
using System.Text.Json;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Api.Discovery;

/// <summary>A generated document, serialised once: its bytes, media type and a content hash (the ETag, and the
/// <c>hash</c> of an OpenAPI v3 URL).</summary>
public sealed class ServedDocument(byte[] content, string contentType)
{
    public byte[] Content { get; } = content;
    public string ContentType { get; } = contentType;

    /// <summary>SHA-512 of the content in upper-case hex, as Kubernetes hashes its OpenAPI documents.</summary>
    public string Hash { get; } = Convert.ToHexString(SHA512.HashData(content));

    public static ServedDocument Json<T>(T value, string contentType = "application/json") =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, KubeJson.Options), contentType);

    /// <summary>The document, or 304 Not Modified when the caller already holds this version.</summary>
    public IResult ToResult(HttpContext http, bool immutable = false)
    {
        var etag = $"\"{Hash}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.Vary = "Accept";
        http.Response.Headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache, private";
        if (http.Request.Headers.IfNoneMatch.Any(v => v == etag || v == "*")) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(Content, ContentType);
    }
}
