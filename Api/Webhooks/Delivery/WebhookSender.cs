using System.Net.Http.Headers;
using System.Text;
using EventOrch.Api.Webhooks.Destinations;
using EventOrch.Contracts.Webhooks;

namespace EventOrch.Api.Webhooks.Delivery;

/// <summary>One attempt of one delivery: a POST of its body, signed at the moment of sending, through the client whose
/// connections <see cref="GuardedConnector"/> checks. Redirects are not followed and no proxy is used.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time)
{
    public const string ClientName = "webhooks";
    private const string UserAgent = "EventOrch-Webhooks/1";

    public async Task<AttemptResult> SendAsync(Uri url, QueuedDelivery delivery, string subscription, byte[] key, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString());
        request.Headers.Add(WebhookSignature.EventHeader, delivery.EventType);
        request.Headers.Add("X-EventOrch-Subscription", subscription);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(key, time.GetUtcNow().ToUnixTimeSeconds(), body));

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            return AttemptResult.Answered((int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Failed($"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refused)
        {
            return AttemptResult.Refused(refused);
        }
        catch (HttpRequestException ex)
        {
            return AttemptResult.Failed(ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal)
                ? $"{ex.Message} ({inner.Message})"
                : ex.Message);
        }
    }

    private static DestinationRefusedException? Refusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is DestinationRefusedException refused) return refused;
        return null;
    }
}
