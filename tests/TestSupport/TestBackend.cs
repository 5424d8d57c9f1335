using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventOrch.Tests.Support;

/// <summary>A pod stand-in: a small Kestrel server on a free loopback port that answers with its own name ("/"),
/// its request's protocol ("/protocol"), holds "/slow" until <see cref="Release"/>, and echoes a WebSocket ("/ws").</summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;
    private bool _stopped;

    private TestBackend(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }
    public int Port { get; private set; }
    public int Requests => Volatile.Read(ref _requests);
    public TaskCompletionSource SlowStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<TestBackend> StartAsync(string name, bool http2 = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = http2 ? HttpProtocols.Http2 : HttpProtocols.Http1));
        var app = builder.Build();
        var backend = new TestBackend(name, app);
        app.UseWebSockets();
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref backend._requests);
            return next(context);
        });
        app.MapGet("/", () => name);
        app.MapGet("/protocol", (HttpContext context) => context.Request.Protocol);
        app.MapGet("/slow", async () =>
        {
            backend.SlowStarted.TrySetResult();
            await backend._release.Task;
            return $"{name} slow";
        });
        app.Map("/ws", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }
                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, CancellationToken.None);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        backend.Port = new Uri(address).Port;
        return backend;
    }

    public void Release() => _release.TrySetResult();

    /// <summary>Stops listening: new connections are refused, as from a pod that went away.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        Release();
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
