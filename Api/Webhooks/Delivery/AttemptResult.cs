using EventOrch.Api.Webhooks.Destinations;

namespace EventOrch.Api.Webhooks.Delivery;

/// <summary>What one attempt came to: accepted (a 2xx answer), failed (another answer, a timeout, a broken connection, a
/// missing key) or refused before connecting (<see cref="Refusal"/> set).</summary>
public sealed record AttemptResult(bool Accepted, int? StatusCode, string? Error, AddressClass? Refusal = null)
{
    public static AttemptResult Answered(int statusCode) => new(statusCode is >= 200 and < 300, statusCode,
        statusCode is >= 200 and < 300 ? null : $"the receiver answered {statusCode}");

    public static AttemptResult Failed(string error) => new(false, null, error);

    public static AttemptResult Refused(DestinationRefusedException refused) => new(false, null, refused.Message, refused.Class);
}
