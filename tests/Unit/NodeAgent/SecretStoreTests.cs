using System.Collections.Concurrent;
using System.Net;
using System.Text;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.NodeAgent.ConfigSources;
using EventOrch.NodeAgent.Pods;
using Microsoft.Extensions.Options;

namespace EventOrch.Tests.Unit.NodeAgent;

public sealed class SecretStoreTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    // The Api's Secret reads: counts them by path, holds each until Release when Hold is set, and fails the next
    // FailNext of them with a 500.
    private sealed class SecretsApi : HttpMessageHandler
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentDictionary<string, int> Reads { get; } = new(StringComparer.Ordinal);
        public bool Hold { get; init; }
        public int FailNext { get; set; }

        public void Release() => _released.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Reads.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (Hold) await _released.Task.WaitAsync(cancellationToken);
            if (FailNext > 0)
            {
                FailNext--;
                return new HttpResponseMessage(HttpStatusCode.InternalServerError)
                {
                    Content = new StringContent("""{"kind":"Status","status":"Failure","message":"store unavailable","code":500}""", Encoding.UTF8, "application/json"),
                };
            }
            var name = path[(path.LastIndexOf('/') + 1)..];
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$$"""{"kind":"Secret","apiVersion":"v1","metadata":{"name":"{{{name}}}","namespace":"shop"}}""", Encoding.UTF8, "application/json"),
            };
        }
    }

    private readonly ManualTime _time = new();

    private SecretStore Store(SecretsApi api) => new(
        new KubeApiClient(new HttpClient(api) { BaseAddress = new Uri("http://127.0.0.1:1") }, Options.Create(new ApiClientOptions())),
        Options.Create(new PodAgentOptions { SecretCacheTtl = Ttl }), _time);

    [Fact]
    public async Task Pods_that_need_the_same_secret_at_once_share_one_read()
    {
        var api = new SecretsApi { Hold = true };
        var store = Store(api);

        var readers = Enumerable.Range(0, 5).Select(_ => store.GetAsync("shop", "creds", CancellationToken.None)).ToList();
        api.Release();
        var secrets = await Task.WhenAll(readers);

        Assert.All(secrets, s => Assert.Equal("creds", s!.Metadata.Name));
        Assert.Equal(1, api.Reads["/api/v1/namespaces/shop/secrets/creds"]);
    }

    [Fact]
    public async Task A_change_to_another_secret_keeps_the_read_under_way()
    {
        var api = new SecretsApi { Hold = true };
        var store = Store(api);

        var reading = store.GetAsync("shop", "creds", CancellationToken.None);
        store.Invalidate("shop", "other");
        api.Release();
        await reading;
        await store.GetAsync("shop", "creds", CancellationToken.None);

        Assert.Equal(1, api.Reads["/api/v1/namespaces/shop/secrets/creds"]);
    }

    [Fact]
    public async Task A_secret_is_read_again_once_its_time_to_live_passes_or_it_changes()
    {
        var api = new SecretsApi();
        var store = Store(api);
        const string path = "/api/v1/namespaces/shop/secrets/creds";

        await store.GetAsync("shop", "creds", CancellationToken.None);
        _time.Now += Ttl - TimeSpan.FromSeconds(1);
        await store.GetAsync("shop", "creds", CancellationToken.None);
        Assert.Equal(1, api.Reads[path]);

        _time.Now += TimeSpan.FromSeconds(1);
        await store.GetAsync("shop", "creds", CancellationToken.None);
        Assert.Equal(2, api.Reads[path]);

        store.Invalidate("shop", "creds");
        await store.GetAsync("shop", "creds", CancellationToken.None);
        Assert.Equal(3, api.Reads[path]);
    }

    [Fact]
    public async Task A_failed_read_is_not_kept()
    {
        var api = new SecretsApi { FailNext = 1 };
        var store = Store(api);

        var error = await Assert.ThrowsAsync<ApiException>(() => store.GetAsync("shop", "creds", CancellationToken.None));
        var secret = await store.GetAsync("shop", "creds", CancellationToken.None);

        Assert.Equal(500, error.Code);
        Assert.Equal("creds", secret!.Metadata.Name);
        Assert.Equal(2, api.Reads["/api/v1/namespaces/shop/secrets/creds"]);
    }
}
