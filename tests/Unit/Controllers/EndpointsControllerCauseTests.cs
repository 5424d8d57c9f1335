using System.Net;
using System.Text;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Informers;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Controllers.Networking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventOrch.Tests.Unit.Controllers;

/// <summary>The endpoints controller names the event it acted on as the cause (X-Causation-Id) of what it writes, also
/// when the write is retried after a failure.</summary>
public sealed class EndpointsControllerCauseTests
{
    // The Api's Endpoints creates: the first FailFirst of them fail with a 500, the rest are taken as they are; the
    // causation id of each is remembered.
    private sealed class EndpointsApi(int failFirst) : HttpMessageHandler
    {
        private int _seen;

        public List<string?> Causes { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Causes.Add(request.Headers.TryGetValues("X-Causation-Id", out var values) ? values.Single() : null);
            if (++_seen <= failFirst)
            {
                return new HttpResponseMessage(HttpStatusCode.InternalServerError)
                {
                    Content = new StringContent("""{"kind":"Status","status":"Failure","message":"store unavailable","code":500}""", Encoding.UTF8, "application/json"),
                };
            }
            return new HttpResponseMessage(HttpStatusCode.Created)
            {
                Content = new StringContent(await request.Content!.ReadAsStringAsync(cancellationToken), Encoding.UTF8, "application/json"),
            };
        }
    }

    private static Informer<T> InformerOf<T>(IObjectEvolver<T> evolver, KubeApiClient api) where T : class, IKubeObject =>
        new(new InformerCache<T>(evolver), evolver, api, Options.Create(new InformerOptions()), TimeProvider.System, NullLogger<Informer<T>>.Instance);

    [Fact]
    public async Task A_pass_retried_after_a_failed_write_still_names_the_event_that_caused_it()
    {
        var api = new EndpointsApi(failFirst: 1);
        var client = new KubeApiClient(new HttpClient(api) { BaseAddress = new Uri("http://127.0.0.1:1") }, Options.Create(new ApiClientOptions()));
        var services = InformerOf(ServiceEvolver.Instance, client);
        var controller = new EndpointsController(services, InformerOf(EndpointsEvolver.Instance, client), InformerOf(PodEvolver.Instance, client), client,
            TimeProvider.System, NullLogger<EndpointsController>.Instance);
        var cause = Guid.NewGuid();

        services.Cache.Apply(new ServiceCreated(new Service
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "shop", Uid = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80 }] },
        }), new EventPosition(1, 1, DateTimeOffset.UnixEpoch, cause));
        await Assert.ThrowsAsync<ApiException>(() => controller.ReconcileAsync("shop/web", CancellationToken.None));
        await controller.ReconcileAsync("shop/web", CancellationToken.None);

        Assert.Equal([cause.ToString(), cause.ToString()], api.Causes);
    }
}
