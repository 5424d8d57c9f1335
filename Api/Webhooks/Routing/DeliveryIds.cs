using System.Security.Cryptography;

namespace EventOrch.Api.Webhooks.Routing;

/// <summary>A delivery's id follows from its subscription and its event, so routing the same event again (a replayed
/// page) makes the same row, which the table's key keeps once, and receivers see the same id.</summary>
public static class DeliveryIds
{
    public static Guid For(Guid subscription, Guid eventId)
    {
        Span<byte> input = stackalloc byte[32];
        subscription.TryWriteBytes(input[..16], bigEndian: true, out _);
        eventId.TryWriteBytes(input[16..], bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        // An RFC 9562 version 8 (custom) UUID: the version and variant bits set, the rest from the hash.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
