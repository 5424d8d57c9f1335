using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventOrch.Tests.Support;

/// <summary>A webhook receiver on a free 127.0.0.1 port: it records every POST it gets (headers, body, whether the
/// signature is valid under its key, which attempt of its delivery id it is) and answers as <see cref="Respond"/> says
/// (200 by default). Signatures are checked with <see cref="WebhookSignature.Verify"/>, whose algorithm the unit tests
/// pin to a fixed vector.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[] _key;
    private readonly Lock _lock = new();
    private readonly List<ReceivedDelivery> _received = [];
    private readonly Dictionary<string, int> _attempts = [];

    private WebhookReceiver(WebApplication app, byte[] key)
    {
        _app = app;
        _key = key;
    }

    /// <summary>The status code to answer a request with; it may wait (a slow receiver) and is cancelled when the sender
    /// gives up and closes the connection.</summary>
    public Func<ReceivedDelivery, CancellationToken, Task<int>> Respond { get; set; } = (_, _) => Task.FromResult(200);

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedDelivery> Received
    {
        get
        {
            lock (_lock) return [.. _received];
        }
    }

    /// <summary>The requests answered with a 2xx, in the order they were answered.</summary>
    public IReadOnlyList<ReceivedDelivery> Accepted
    {
        get
        {
            lock (_lock) return [.. _received.Where(r => r.Answer is >= 200 and < 300).OrderBy(r => r.AnsweredAt)];
        }
    }

    public static async Task<WebhookReceiver> StartAsync(byte[] key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, key);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hooks/events");
        return receiver;
    }

    /// <summary>Answers 500 to the first <paramref name="failures"/> attempts of every delivery, then 200.</summary>
    public void FailFirstAttempts(int failures) => Respond = (delivery, _) => Task.FromResult(delivery.Attempt <= failures ? 500 : 200);

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var id = context.Request.Headers[WebhookSignature.DeliveryHeader].ToString();
        var signature = context.Request.Headers[WebhookSignature.SignatureHeader].ToString();
        int attempt;
        lock (_lock) attempt = _attempts[id] = _attempts.GetValueOrDefault(id) + 1;
        var delivery = new ReceivedDelivery(id, context.Request.Headers[WebhookSignature.EventHeader].ToString(), signature,
            WebhookSignature.Verify(_key, signature, body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
            JsonNode.Parse(body)!.AsObject(), System.Text.Encoding.UTF8.GetString(body), attempt, DateTimeOffset.UtcNow);
        lock (_lock) _received.Add(delivery);
        int answer;
        try
        {
            answer = await Respond(delivery, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        lock (_lock)
        {
            delivery.Answer = answer;
            delivery.AnsweredAt = DateTimeOffset.UtcNow;
        }
        context.Response.StatusCode = answer;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request a <see cref="WebhookReceiver"/> got.</summary>
public sealed record ReceivedDelivery(string DeliveryId, string EventType, string Signature, bool SignatureValid, JsonObject Body, string Text,
    int Attempt, DateTimeOffset At)
{
    /// <summary>The status code the receiver answered with; null while it has not answered (or never did).</summary>
    public int? Answer { get; set; }

    public DateTimeOffset AnsweredAt { get; set; }

    public long Sequence => Body["event"]!["sequence"]!.GetValue<long>();

    public string ObjectName => Body["event"]!["name"]!.GetValue<string>();
}
