using System.Net;
using System.Text;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.ConfigSources;
using EventOrch.NodeAgent.Pods;
using EventOrch.NodeAgent.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventOrch.Tests.Unit.NodeAgent;

/// <summary>A pod worker on the simulated runtime, whose pod has envFrom keys that are no variable names and waits for
/// a Secret: the warning about the skipped keys comes once, when the container is made, not on every pass.</summary>
public sealed class PodWorkerEnvWarningTests : IDisposable
{
    private const int InvalidEnvNamesEventId = 806;
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("eventorch-podworker-").FullName;

    public void Dispose() => Directory.Delete(_dataRoot, recursive: true);

    private sealed class Lookup : IPodConfigLookup
    {
        public Dictionary<string, Secret> Secrets { get; } = [];

        public ConfigMap? ConfigMap(string @namespace, string name) =>
            name == "settings" ? new ConfigMap { Data = new() { ["MODE"] = "fast", ["bad key"] = "x" } } : null;

        public Task<Secret?> SecretAsync(string @namespace, string name, CancellationToken cancellationToken) =>
            Task.FromResult(Secrets.GetValueOrDefault($"{@namespace}/{name}"));
    }

    // Every status the worker reports is taken as it is.
    private sealed class StatusApi : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            new(HttpStatusCode.OK) { Content = new StringContent(await request.Content!.ReadAsStringAsync(cancellationToken), Encoding.UTF8, "application/json") };
    }

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("no probe should run");
    }

    private sealed class EventIds : ILogger
    {
        public List<int> Logged { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Logged) Logged.Add(eventId.Id);
        }
    }

    private static readonly Pod Pod = new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "shop", Uid = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d" },
        Spec = new PodSpec
        {
            NodeName = "node-1",
            Containers =
            [
                new Container
                {
                    Name = "c",
                    Image = "i",
                    EnvFrom = [new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "settings" } }],
                    Env = [new EnvVar { Name = "PW", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "creds", Key = "password" } } }],
                },
            ],
        },
    };

    [Fact]
    public async Task The_skipped_env_names_are_logged_when_the_container_is_made_not_on_every_pass_while_it_waits()
    {
        var time = TimeProvider.System;
        var runtime = new SimulatedRuntime(Options.Create(new SimulatedRuntimeOptions()), time);
        var api = new KubeApiClient(new HttpClient(new StatusApi()) { BaseAddress = new Uri("http://127.0.0.1:1") }, Options.Create(new ApiClientOptions()));
        var lookup = new Lookup();
        var log = new EventIds();
        var worker = new PodWorker("node-1", "127.0.0.1", runtime, api, new Prober(runtime, new NoHttp(), time), new PortAllocator(40000, 40010, checkHost: false),
            new PodAgentOptions { DataRoot = _dataRoot }, lookup, time, log);

        for (var pass = 0; pass < 3; pass++)
            await worker.SyncAsync(Pod, await runtime.ListAsync("node-1", CancellationToken.None), CancellationToken.None);
        Assert.DoesNotContain(InvalidEnvNamesEventId, log.Logged);

        lookup.Secrets["shop/creds"] = new Secret { Data = new() { ["password"] = Encoding.UTF8.GetBytes("s3cr3t") } };
        await worker.SyncAsync(Pod, await runtime.ListAsync("node-1", CancellationToken.None), CancellationToken.None);

        Assert.Single(log.Logged, id => id == InvalidEnvNamesEventId);
        Assert.Contains(await runtime.ListAsync("node-1", CancellationToken.None), c => c.Labels.GetValueOrDefault(RuntimeLabels.Role) == RuntimeLabels.ContainerRole);
    }
}
