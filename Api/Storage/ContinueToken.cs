using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace EventOrch.Api.Storage;

/// <summary>The opaque continue token of a paged list: the key of the last item returned.</summary>
public static class ContinueToken
{
    private sealed record Payload(string After, long ResourceVersion);

    public static string Encode(string afterKey, long resourceVersion) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Payload(afterKey, resourceVersion)));

    public static bool TryDecode(string token, out string afterKey)
    {
        afterKey = "";
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(token));
            if (payload is null) return false;
            afterKey = payload.After;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }
}
