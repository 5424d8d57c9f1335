using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EventOrch.Tests.Support;

/// <summary>An in-process Api the real kubectl can talk to: kubectl sends its bearer token only over TLS, so the Api
/// also listens with HTTPS, on a self-signed certificate for 127.0.0.1 made for this server, and a kubeconfig of its own
/// names it with the admin token.</summary>
public class KubectlApiServer : ApiServer
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"eo-kubectl-{Guid.NewGuid():N}");

    private string CertificatePath => Path.Combine(_directory, "api.crt");
    private string KeyPath => Path.Combine(_directory, "api.key");
    private string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Urls"] = "http://127.0.0.1:0;https://127.0.0.1:0",
        ["Kestrel:Certificates:Default:Path"] = CertificatePath,
        ["Kestrel:Certificates:Default:KeyPath"] = KeyPath,
    };

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var pem = certificate.ExportCertificatePem();
        await File.WriteAllTextAsync(CertificatePath, pem);
        await File.WriteAllTextAsync(KeyPath, key.ExportPkcs8PrivateKeyPem());
        await base.InitializeAsync();

        var https = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal));
        await File.WriteAllTextAsync(KubeconfigPath, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {{https}}
                certificate-authority-data: {{Convert.ToBase64String(Encoding.ASCII.GetBytes(pem))}}
            users:
            - name: admin
              user:
                token: {{AdminToken}}
            contexts:
            - name: test
              context: {cluster: test, user: admin, namespace: default}
            current-context: test
            """);
    }

    /// <summary>Runs kubectl 1.32 against this Api (each argument given whole), feeding <paramref name="stdin"/> when
    /// given; killed after <paramref name="seconds"/>. A cache of its own, so discovery and OpenAPI are read from this
    /// Api and not from one that had the same address.</summary>
    public Task<KubectlProcess.Result> KubectlAsync(IReadOnlyList<string> arguments, string? stdin = null, int seconds = 60) =>
        KubectlProcess.RunAsync(["--cache-dir", Path.Combine(_directory, "cache"), "--kubeconfig", KubeconfigPath, .. arguments], stdin, seconds);

    public Task<KubectlProcess.Result> KubectlAsync(params string[] arguments) => KubectlAsync((IReadOnlyList<string>)arguments);

    /// <summary>Runs kubectl and fails the test unless it succeeds; its standard output.</summary>
    public async Task<string> KubectlOkAsync(params string[] arguments) => KubectlProcess.Ok(await KubectlAsync(arguments), arguments);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
