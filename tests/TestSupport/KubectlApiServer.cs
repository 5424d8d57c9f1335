using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EventOrch.Tests.Support;

/// <summary>An <see cref="ApiServer"/> the real kubectl on this machine can talk to: kubectl sends its bearer token only
/// over HTTPS, so this one listens on HTTPS too (a self-signed certificate for 127.0.0.1), beside the HTTP address
/// <see cref="ApiServer.Client"/> uses, with a kubeconfig for the admin token.</summary>
public class KubectlApiServer : ApiServer
{
    private readonly string _directory = Directory.CreateTempSubdirectory("eo-kubectl-").FullName;

    public string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Urls"] = "http://127.0.0.1:0;https://127.0.0.1:0",
        ["Kestrel:Certificates:Default:Path"] = Path.Combine(_directory, "api.crt"),
        ["Kestrel:Certificates:Default:KeyPath"] = Path.Combine(_directory, "api.key"),
    };

    public override async Task InitializeAsync()
    {
        WriteCertificate();
        await base.InitializeAsync();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var https = addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        // Client (and the tests' HTTP checks) keep to the plain address, which Kestrel lists first.
        Assert.StartsWith("http://", BaseAddress.ToString());
        await File.WriteAllTextAsync(KubeconfigPath, $$$"""
            apiVersion: v1
            kind: Config
            clusters: [{name: test, cluster: {server: "{{{https}}}", insecure-skip-tls-verify: true}}]
            users: [{name: admin, user: {token: "{{{AdminToken}}}"}}]
            contexts: [{name: test, context: {cluster: test, user: admin, namespace: default}}]
            current-context: test
            """);
    }

    /// <summary>Runs kubectl against this Api to the end (at most a minute).</summary>
    public async Task<(int ExitCode, string Output, string Error)> KubectlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(KubeconfigPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish within a minute: {await output}{await error}");
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs kubectl and fails the test unless it succeeds; its standard output.</summary>
    public async Task<string> KubectlOkAsync(params string[] arguments)
    {
        var (code, output, error) = await KubectlAsync(arguments);
        Assert.True(code == 0, $"kubectl {string.Join(' ', arguments)} failed ({code}): {output}{error}");
        return output;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private void WriteCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(_directory, "api.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "api.key"), key.ExportPkcs8PrivateKeyPem());
    }
}
