using EventOrch.ClientRuntime.ApiClient;
using EventOrch.NodeAgent.Metrics;
using EventOrch.NodeAgent.Nodes;
using EventOrch.NodeAgent.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventOrch.Tests.Unit.Metrics;

public sealed class UsageSamplerTests
{
    [Fact]
    public async Task A_hollow_agent_neither_samples_nor_reports()
    {
        var api = new CountingHandler();
        var sampler = new UsageSampler(
            Options.Create(new MetricsOptions { Interval = TimeSpan.FromMilliseconds(100) }),
            Options.Create(new NodeOptions { Simulated = true, Count = 1000, Name = "hollow" }),
            fleet: null!, // a hollow agent never reads its nodes for usage
            new SimulatedRuntime(Options.Create(new SimulatedRuntimeOptions()), TimeProvider.System),
            new KubeApiClient(new HttpClient(api) { BaseAddress = new Uri("http://127.0.0.1:1") }, Options.Create(new ApiClientOptions())),
            TimeProvider.System,
            NullLogger<UsageSampler>.Instance);

        await sampler.StartAsync(CancellationToken.None);
        try
        {
            // The sampling loop ends before its first tick instead of running every interval (a loop that ran would never end).
            await sampler.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, api.Requests);
        }
        finally
        {
            await sampler.StopAsync(CancellationToken.None);
        }
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Created));
        }
    }
}
