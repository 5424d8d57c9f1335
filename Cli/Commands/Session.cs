using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Config;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;
using Microsoft.Extensions.Options;

namespace EventOrch.Cli.Commands;

/// <summary>One invocation's connection to the Api: the client made from the kubeconfig, the namespace commands act in,
/// and the kind catalog, read from discovery when first needed.</summary>
public sealed class Session : IDisposable
{
    private readonly HttpClient _http;
    private KindCatalog? _catalog;

    private Session(CliConsole console, ClientSettings settings, string? namespaceFlag)
    {
        Console = console;
        Settings = settings;
        NamespaceFlag = string.IsNullOrEmpty(namespaceFlag) ? null : namespaceFlag;
        var handler = new SocketsHttpHandler();
        if (settings.InsecureSkipTlsVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (settings.CertificateAuthorityPem is { } pem)
        {
            // The cluster's own CA, not the machine's: the server's certificate must chain to it.
            var authorities = new X509Certificate2Collection();
            try
            {
                authorities.ImportFromPem(pem);
            }
            catch (CryptographicException ex)
            {
                throw new CliException($"the kubeconfig's certificate authority is not a PEM certificate: {ex.Message}");
            }
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(authorities);
            handler.SslOptions.CertificateChainPolicy = policy;
        }
        // Watches and followed logs stay open for as long as the user wants; a command is stopped with Ctrl-C or --timeout.
        _http = new HttpClient(handler) { BaseAddress = settings.Server, Timeout = Timeout.InfiniteTimeSpan };
        Api = new KubeApiClient(_http, Options.Create(new ApiClientOptions { Server = settings.Server.ToString(), Token = settings.Token }));
    }

    public CliConsole Console { get; }
    public ClientSettings Settings { get; }
    public KubeApiClient Api { get; }

    /// <summary>-n as given, or null.</summary>
    public string? NamespaceFlag { get; }

    /// <summary>The namespace commands act in: -n, else the context's (default "default").</summary>
    public string Namespace => NamespaceFlag ?? Settings.Namespace;

    public static Session Open(CliConsole console, GlobalOptions.Values options)
    {
        var paths = KubeConfigLocator.Locate(options.Kubeconfig, console, AppContext.BaseDirectory);
        var config = KubeConfigLocator.Load(paths);
        return new Session(console, config.Resolve(options.Context, string.Join(Path.PathSeparator, paths)), options.Namespace);
    }

    public async Task<KindCatalog> KindsAsync(CancellationToken cancellationToken) =>
        _catalog ??= await KindCatalog.LoadAsync(Api, cancellationToken);

    public void Dispose() => _http.Dispose();
}
