using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.Serialization;
using YamlDotNet.Core;

namespace EventOrch.Cli.Config;

/// <summary>A cluster entry of a kubeconfig: where the Api listens, and how to trust its TLS certificate (a CA given
/// inline as base64 PEM, or as a file; or no check at all).</summary>
public sealed record KubeCluster(string Name, string Server, bool InsecureSkipTlsVerify = false, string? CertificateAuthorityData = null,
    string? CertificateAuthority = null);

/// <summary>A user entry of a kubeconfig: a bearer token, given or read from a file (a path relative to the kubeconfig's
/// directory).</summary>
public sealed record KubeUser(string Name, string? Token, string? TokenFile);

/// <summary>A context entry of a kubeconfig: a cluster, a user, and the namespace commands use by default.</summary>
public sealed record KubeContext(string Name, string Cluster, string User, string? Namespace);

/// <summary>The parts of Kubernetes' kubeconfig format (apiVersion v1, kind Config) eoctl uses.</summary>
public sealed record KubeConfig(
    IReadOnlyList<KubeCluster> Clusters,
    IReadOnlyList<KubeUser> Users,
    IReadOnlyList<KubeContext> Contexts,
    string? CurrentContext)
{
    /// <summary>Reads a kubeconfig's YAML (or JSON, a subset of YAML); <paramref name="source"/> names it in errors.</summary>
    public static KubeConfig Parse(string text, string source)
    {
        JsonNode? root;
        try
        {
            root = YamlToJson.Convert(text);
        }
        catch (YamlException ex)
        {
            throw new CliException($"error loading config file \"{source}\": {ex.Message}");
        }
        if (root is null) return new KubeConfig([], [], [], null);
        if (root is not JsonObject config) throw new CliException($"error loading config file \"{source}\": not a mapping");
        if (config["kind"] is { } kind && Text(kind) is { } kindText && kindText != "Config")
            throw new CliException($"error loading config file \"{source}\": kind is \"{kindText}\", not \"Config\"");

        // File references are relative to the kubeconfig's own directory, as kubectl resolves them.
        var directory = Path.GetDirectoryName(Path.GetFullPath(source)) ?? ".";
        string? FilePath(JsonNode? node) => Text(node) is { Length: > 0 } path ? Path.GetFullPath(path, directory) : null;

        var clusters = Entries(config, "clusters", "cluster", source, (name, body) => new KubeCluster(
            name,
            Text(body["server"]) ?? throw new CliException($"error loading config file \"{source}\": cluster \"{name}\" has no server"),
            body["insecure-skip-tls-verify"] is JsonValue skip && skip.TryGetValue<bool>(out var insecure) && insecure,
            Text(body["certificate-authority-data"]),
            FilePath(body["certificate-authority"])));
        var users = Entries(config, "users", "user", source, (name, body) => new KubeUser(name, Text(body["token"]), FilePath(body["tokenFile"])));
        var contexts = Entries(config, "contexts", "context", source, (name, body) => new KubeContext(
            name, Text(body["cluster"]) ?? "", Text(body["user"]) ?? "", Text(body["namespace"])));
        return new KubeConfig(clusters, users, contexts, Text(config["current-context"]));
    }

    /// <summary>Several files read as one, as KUBECONFIG=a:b is: the first file to name an entry (or the current
    /// context) wins.</summary>
    public static KubeConfig Merge(IEnumerable<KubeConfig> configs)
    {
        var all = configs.ToList();
        return new KubeConfig(
            all.SelectMany(c => c.Clusters).DistinctBy(c => c.Name).ToList(),
            all.SelectMany(c => c.Users).DistinctBy(u => u.Name).ToList(),
            all.SelectMany(c => c.Contexts).DistinctBy(c => c.Name).ToList(),
            all.Select(c => c.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c)));
    }

    /// <summary>What a client needs from the chosen context (<paramref name="contextName"/>, or the current one).</summary>
    public ClientSettings Resolve(string? contextName, string source)
    {
        var name = string.IsNullOrEmpty(contextName) ? CurrentContext : contextName;
        if (string.IsNullOrEmpty(name))
            throw new CliException($"no context is set in {source}: set current-context or pass --context");
        var context = Contexts.FirstOrDefault(c => c.Name == name)
            ?? throw new CliException($"context was not found for specified context: {name}");
        var cluster = Clusters.FirstOrDefault(c => c.Name == context.Cluster)
            ?? throw new CliException($"cluster \"{context.Cluster}\" of context \"{name}\" was not found in {source}");
        var user = Users.FirstOrDefault(u => u.Name == context.User);
        if (user is null && !string.IsNullOrEmpty(context.User))
            throw new CliException($"user \"{context.User}\" of context \"{name}\" was not found in {source}");
        if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
            throw new CliException($"cluster \"{cluster.Name}\" has an invalid server \"{cluster.Server}\": it must be an http or https URL");

        var token = user?.Token;
        if (string.IsNullOrEmpty(token) && !string.IsNullOrEmpty(user?.TokenFile))
        {
            if (!File.Exists(user.TokenFile)) throw new CliException($"tokenFile \"{user.TokenFile}\" of user \"{user.Name}\" does not exist");
            token = File.ReadLines(user.TokenFile).FirstOrDefault()?.Trim();
        }
        return new ClientSettings(server, token, string.IsNullOrEmpty(context.Namespace) ? "default" : context.Namespace, cluster.InsecureSkipTlsVerify,
            CertificateAuthorityPem(cluster));
    }

    private static string? CertificateAuthorityPem(KubeCluster cluster)
    {
        if (!string.IsNullOrEmpty(cluster.CertificateAuthorityData))
        {
            try
            {
                return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cluster.CertificateAuthorityData));
            }
            catch (FormatException)
            {
                throw new CliException($"certificate-authority-data of cluster \"{cluster.Name}\" is not base64");
            }
        }
        if (!string.IsNullOrEmpty(cluster.CertificateAuthority))
        {
            if (!File.Exists(cluster.CertificateAuthority))
                throw new CliException($"unable to read certificate-authority {cluster.CertificateAuthority} for {cluster.Name}: no such file");
            return File.ReadAllText(cluster.CertificateAuthority);
        }
        return null;
    }

    private static List<T> Entries<T>(JsonObject config, string list, string field, string source, Func<string, JsonObject, T> read)
    {
        if (config[list] is null) return [];
        if (config[list] is not JsonArray items) throw new CliException($"error loading config file \"{source}\": {list} must be a list");
        var entries = new List<T>();
        foreach (var item in items)
        {
            var name = Text(item?["name"]);
            if (string.IsNullOrEmpty(name)) throw new CliException($"error loading config file \"{source}\": an entry of {list} has no name");
            entries.Add(read(name, item?[field] as JsonObject ?? new JsonObject()));
        }
        return entries;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;
}

/// <summary>The server, token and default namespace a kubeconfig context resolves to, and the CA (PEM) its TLS
/// certificate must chain to when one is given.</summary>
public sealed record ClientSettings(Uri Server, string? Token, string Namespace, bool InsecureSkipTlsVerify, string? CertificateAuthorityPem = null);
