using System.Globalization;

namespace EventOrch.Api.Requests;

/// <summary>Times in query parameters, as Kubernetes takes them: RFC 3339, a date, 'T', a time (fractions of a second
/// allowed) and an offset or Z. The format's K also takes no offset at all, which would read the time in the server's
/// zone: the offset is required.</summary>
public static class Rfc3339
{
    public static bool TryParse(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out time) && (value.EndsWith('Z') || value.EndsWith('z') || value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
}
