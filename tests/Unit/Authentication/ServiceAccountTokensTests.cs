using System.Text.Json;
using EventOrch.Api.Authentication;
using EventOrch.Api.ServiceAccounts;
using EventOrch.Contracts.Model;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EventOrch.Tests.Unit.Authentication;

public sealed class ServiceAccountTokensTests : IDisposable
{
    private readonly string _keyFile = NewKey();
    private readonly string _otherKeyFile = NewKey();

    private static string NewKey()
    {
        var path = Path.Combine(Path.GetTempPath(), $"eo-sa-{Guid.NewGuid():N}.key");
        using var key = System.Security.Cryptography.RSA.Create(2048);
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        return path;
    }
    private readonly ManualTime _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Subjects _subjects = new();

    private static readonly ServiceAccount Account = new()
    {
        Metadata = new ObjectMeta { Name = "robot", Namespace = "team-a", Uid = Guid.NewGuid().ToString() },
    };

    private static readonly Pod BoundPod = new()
    {
        Metadata = new ObjectMeta { Name = "web-1", Namespace = "team-a", Uid = Guid.NewGuid().ToString() },
    };

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The uids that exist.</summary>
    private sealed class Subjects : ITokenSubjects
    {
        public HashSet<Guid> Alive { get; } = [];

        public Task<bool> ExistsAsync<T>(Guid uid, CancellationToken cancellationToken) where T : class, IKubeObject => Task.FromResult(Alive.Contains(uid));
    }

    public ServiceAccountTokensTests()
    {
        _subjects.Alive.Add(Guid.Parse(Account.Metadata.Uid!));
        _subjects.Alive.Add(Guid.Parse(BoundPod.Metadata.Uid!));
    }

    public void Dispose()
    {
        File.Delete(_keyFile);
        File.Delete(_otherKeyFile);
    }

    private ServiceAccountTokens Tokens(string? keyFile = null, string issuer = "https://kubernetes.default.svc.cluster.local")
    {
        var options = Options.Create(new AuthOptions { TokenFile = "unused", ServiceAccountKeyFile = keyFile ?? _keyFile, ServiceAccountIssuer = issuer });
        return new ServiceAccountTokens(new SigningKey(options), _subjects, options, _time);
    }

    private string Issue(ServiceAccountTokens? tokens = null, Pod? pod = null, string audience = "https://kubernetes.default.svc.cluster.local") =>
        (tokens ?? Tokens()).Issue(Account, pod, [audience], TimeSpan.FromHours(1)).Token;

    [Fact]
    public void A_token_carries_kubernetes_claims_for_the_account_and_its_bound_pod()
    {
        var jwt = new JsonWebToken(Issue(pod: BoundPod));

        Assert.Equal("RS256", jwt.Alg);
        Assert.False(string.IsNullOrEmpty(jwt.Kid));
        Assert.Equal("https://kubernetes.default.svc.cluster.local", jwt.Issuer);
        Assert.Equal("system:serviceaccount:team-a:robot", jwt.Subject);
        Assert.Equal(["https://kubernetes.default.svc.cluster.local"], jwt.Audiences);
        Assert.Equal(_time.Now.UtcDateTime, jwt.IssuedAt);
        Assert.Equal(_time.Now.UtcDateTime, jwt.ValidFrom);
        Assert.Equal(_time.Now.AddHours(1).UtcDateTime, jwt.ValidTo);
        Assert.True(Guid.TryParse(jwt.Id, out _));
        var kubernetes = jwt.GetPayloadValue<JsonElement>("kubernetes.io");
        Assert.Equal("team-a", kubernetes.GetProperty("namespace").GetString());
        Assert.Equal("robot", kubernetes.GetProperty("serviceaccount").GetProperty("name").GetString());
        Assert.Equal(Account.Metadata.Uid, kubernetes.GetProperty("serviceaccount").GetProperty("uid").GetString());
        Assert.Equal("web-1", kubernetes.GetProperty("pod").GetProperty("name").GetString());
        Assert.Equal(BoundPod.Metadata.Uid, kubernetes.GetProperty("pod").GetProperty("uid").GetString());
        // As Kubernetes writes it, aud is a list even with one audience.
        using var payload = JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(jwt.EncodedPayload));
        Assert.Equal(JsonValueKind.Array, payload.RootElement.GetProperty("aud").ValueKind);
    }

    [Fact]
    public async Task A_valid_token_names_the_account_and_the_pod()
    {
        var verdict = await Tokens().ReviewAsync(Issue(pod: BoundPod), CancellationToken.None);
        Assert.Null(verdict.Refusal);
        Assert.Equal(new ServiceAccountTokenSubject("team-a", "robot", Guid.Parse(Account.Metadata.Uid!), "web-1", Guid.Parse(BoundPod.Metadata.Uid!)), verdict.Subject);
        Assert.Equal("system:serviceaccount:team-a:robot", verdict.Subject!.User);
    }

    [Fact]
    public async Task A_token_is_refused_from_its_expiry_on()
    {
        var token = Issue();
        _time.Now = _time.Now.AddMinutes(59);
        Assert.NotNull((await Tokens().ReviewAsync(token, CancellationToken.None)).Subject);
        _time.Now = _time.Now.AddMinutes(1);
        Assert.Equal("the token has expired", (await Tokens().ReviewAsync(token, CancellationToken.None)).Refusal);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused()
    {
        var verdict = await Tokens().ReviewAsync(Issue(Tokens(_otherKeyFile)), CancellationToken.None);
        Assert.Null(verdict.Subject);
        Assert.NotNull(verdict.Refusal);
    }

    [Fact]
    public async Task A_token_of_another_issuer_or_audience_is_refused()
    {
        Assert.Null((await Tokens().ReviewAsync(Issue(Tokens(issuer: "https://elsewhere.example")), CancellationToken.None)).Subject);
        Assert.Null((await Tokens().ReviewAsync(Issue(audience: "vault"), CancellationToken.None)).Subject);
    }

    [Fact]
    public async Task A_token_whose_account_was_deleted_or_recreated_with_a_new_uid_is_refused()
    {
        var token = Issue();
        _subjects.Alive.Remove(Guid.Parse(Account.Metadata.Uid!));
        Assert.StartsWith("service account team-a/robot", (await Tokens().ReviewAsync(token, CancellationToken.None)).Refusal);

        // The same name again is another object: only its own tokens are good.
        var recreated = Account with { Metadata = Account.Metadata with { Uid = Guid.NewGuid().ToString() } };
        _subjects.Alive.Add(Guid.Parse(recreated.Metadata.Uid!));
        Assert.Null((await Tokens().ReviewAsync(token, CancellationToken.None)).Subject);
        var fresh = Tokens().Issue(recreated, null, ["https://kubernetes.default.svc.cluster.local"], TimeSpan.FromHours(1)).Token;
        Assert.NotNull((await Tokens().ReviewAsync(fresh, CancellationToken.None)).Subject);
    }

    [Fact]
    public async Task A_token_bound_to_a_deleted_pod_is_refused()
    {
        var token = Issue(pod: BoundPod);
        _subjects.Alive.Remove(Guid.Parse(BoundPod.Metadata.Uid!));
        Assert.StartsWith("pod team-a/web-1", (await Tokens().ReviewAsync(token, CancellationToken.None)).Refusal);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var parts = Issue().Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("team-a:robot", "team-a:admin1");
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        Assert.Null((await Tokens().ReviewAsync(forged, CancellationToken.None)).Subject);
    }
}
