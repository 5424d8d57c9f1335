using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EventOrch.Contracts.Webhooks;

/// <summary>The signature on every webhook delivery: <c>X-EventOrch-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where
/// the hex is the HMAC-SHA256 of <c>"&lt;t&gt;.&lt;body&gt;"</c> under the subscription's key. The timestamp is part of what is
/// signed, so a receiver that refuses old timestamps refuses replays.</summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-EventOrch-Signature";

    /// <summary>The delivery's id: the same on every attempt of one delivery, and on its redelivery.</summary>
    public const string DeliveryHeader = "X-EventOrch-Delivery";

    /// <summary>The event type the delivery carries (PodCreated, ...), for receivers that route before parsing.</summary>
    public const string EventHeader = "X-EventOrch-Event";

    /// <summary>The hex HMAC-SHA256 of "<paramref name="timestamp"/>.<paramref name="body"/>" under <paramref name="key"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> key, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, signed));
    }

    /// <summary>The header value for a body sent at <paramref name="timestamp"/>.</summary>
    public static string Header(ReadOnlySpan<byte> key, long timestamp, ReadOnlySpan<byte> body) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Compute(key, timestamp, body)}";

    /// <summary>Reads a header value: its timestamp and every v1 signature in it (a sender rotating keys may give several).</summary>
    public static bool TryParse(string? header, out long timestamp, out IReadOnlyList<string> signatures)
    {
        timestamp = 0;
        var found = new List<string>();
        signatures = found;
        var haveTime = false;
        foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return false;
            var (name, value) = (part[..eq], part[(eq + 1)..]);
            if (name == "t") haveTime = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
            else if (name == "v1") found.Add(value);
        }
        return haveTime && found.Count > 0;
    }

    /// <summary>Whether <paramref name="header"/> signs <paramref name="body"/> under <paramref name="key"/> with a timestamp no
    /// further than <paramref name="tolerance"/> from <paramref name="now"/>; compares in constant time.</summary>
    public static bool Verify(ReadOnlySpan<byte> key, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!TryParse(header, out var timestamp, out var signatures)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(key, timestamp, body));
        var valid = false;
        foreach (var signature in signatures)
            valid |= CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
        return valid;
    }
}
