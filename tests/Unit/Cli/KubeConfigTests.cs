using EventOrch.Cli;
using EventOrch.Cli.Config;
using EventOrch.Cli.Terminal;

namespace EventOrch.Tests.Unit.Cli;

public sealed class KubeConfigTests : IDisposable
{
    private const string Config = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: eventorch
          cluster:
            server: http://127.0.0.1:8080
        - name: secure
          cluster:
            server: https://127.0.0.1:6443
            insecure-skip-tls-verify: true
        contexts:
        - name: eventorch
          context: {cluster: eventorch, user: admin, namespace: shop}
        - name: other
          context: {cluster: secure, user: admin}
        current-context: eventorch
        users:
        - name: admin
          user:
            token: s3cret
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("eoctl-config-").FullName;

    [Fact]
    public void The_current_context_gives_the_server_the_token_and_the_namespace()
    {
        var settings = KubeConfig.Parse(Config, "config").Resolve(null, "config");

        Assert.Equal((new Uri("http://127.0.0.1:8080"), "s3cret", "shop", false),
            (settings.Server, settings.Token, settings.Namespace, settings.InsecureSkipTlsVerify));
    }

    [Fact]
    public void Another_context_can_be_chosen_and_its_namespace_defaults_to_default()
    {
        var settings = KubeConfig.Parse(Config, "config").Resolve("other", "config");

        Assert.Equal((new Uri("https://127.0.0.1:6443"), "default", true), (settings.Server, settings.Namespace, settings.InsecureSkipTlsVerify));
    }

    [Fact]
    public void A_token_file_is_read_when_no_token_is_given()
    {
        var tokenFile = Path.Combine(_root, "token");
        File.WriteAllText(tokenFile, "from-file\n");
        var config = Config.Replace("token: s3cret", $"tokenFile: {tokenFile}");

        Assert.Equal("from-file", KubeConfig.Parse(config, "config").Resolve(null, "config").Token);
    }

    [Fact]
    public void A_relative_token_file_is_found_beside_the_kubeconfig_not_in_the_working_directory()
    {
        var beside = Directory.CreateDirectory(Path.Combine(_root, "config-dir")).FullName;
        File.WriteAllText(Path.Combine(beside, "admin.token"), "beside-the-config\n");
        var source = Path.Combine(beside, "kubeconfig");
        var config = Config.Replace("token: s3cret", "tokenFile: admin.token");

        Assert.Equal("beside-the-config", KubeConfig.Parse(config, source).Resolve(null, source).Token);
    }

    [Fact]
    public void A_certificate_authority_given_inline_is_decoded_to_pem()
    {
        const string pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        var config = Config.Replace("insecure-skip-tls-verify: true", $"certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem))}");

        Assert.Equal(pem, KubeConfig.Parse(config, "config").Resolve("other", "config").CertificateAuthorityPem);
    }

    [Theory]
    [InlineData("missing", "context was not found for specified context: missing")]
    public void An_unknown_context_is_an_error_naming_it(string context, string message)
    {
        var error = Assert.Throws<CliException>(() => KubeConfig.Parse(Config, "config").Resolve(context, "config"));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("server: http://127.0.0.1:8080", "server: ftp://x", "invalid server")]
    [InlineData("kind: Config", "kind: Pod", "not \"Config\"")]
    [InlineData("current-context: eventorch", "current-context: \"\"", "no context is set")]
    public void A_config_that_cannot_be_used_says_why(string from, string to, string message)
    {
        var error = Assert.Throws<CliException>(() => KubeConfig.Parse(Config.Replace(from, to), "config").Resolve(null, "config"));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Merged_files_take_each_entry_and_the_current_context_from_the_first_file_that_has_it()
    {
        var first = KubeConfig.Parse("""
            apiVersion: v1
            kind: Config
            users:
            - name: admin
              user: {token: first}
            """, "a");
        var merged = KubeConfig.Merge([first, KubeConfig.Parse(Config, "b")]);

        var settings = merged.Resolve(null, "a:b");

        Assert.Equal(("first", "shop"), (settings.Token, settings.Namespace));
    }

    [Fact]
    public void The_flag_wins_over_KUBECONFIG_which_wins_over_the_repository_kubeconfig()
    {
        var repository = Repository();
        var flag = Write("flag.yaml");
        var fromEnvironment = Write("env.yaml");
        var inside = Path.Combine(repository, "docs");

        Assert.Equal([flag], KubeConfigLocator.Locate(flag, Console(inside, fromEnvironment), "/nowhere"));
        Assert.Equal([fromEnvironment], KubeConfigLocator.Locate(null, Console(inside, fromEnvironment), "/nowhere"));
        Assert.Equal([Path.Combine(repository, ".eo", "kubeconfig")], KubeConfigLocator.Locate(null, Console(inside, null), "/nowhere"));
    }

    [Fact]
    public void Outside_the_repository_the_kubeconfig_is_found_from_the_binarys_own_location()
    {
        var repository = Repository();
        var binary = Path.Combine(repository, ".eo", "bin");
        Directory.CreateDirectory(binary);

        Assert.Equal([Path.Combine(repository, ".eo", "kubeconfig")], KubeConfigLocator.Locate(null, Console(Path.GetTempPath(), null), binary));
    }

    [Fact]
    public void A_repository_without_a_kubeconfig_says_to_run_eo_up()
    {
        var repository = Repository();
        File.Delete(Path.Combine(repository, ".eo", "kubeconfig"));

        var error = Assert.Throws<CliException>(() => KubeConfigLocator.Locate(null, Console(repository, null), "/nowhere"));

        Assert.Contains("./eo up writes it", error.Message);
    }

    private string Repository()
    {
        var repository = Path.Combine(_root, "repo");
        Directory.CreateDirectory(Path.Combine(repository, ".eo"));
        Directory.CreateDirectory(Path.Combine(repository, "docs"));
        File.WriteAllText(Path.Combine(repository, "EventOrch.sln"), "");
        File.WriteAllText(Path.Combine(repository, ".eo", "kubeconfig"), Config);
        return repository;
    }

    private string Write(string name)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, Config);
        return path;
    }

    private static CliConsole Console(string directory, string? kubeconfigVariable) =>
        CliConsole.Captured(TextWriter.Null, TextWriter.Null, directory,
            kubeconfigVariable is null ? null : new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfigVariable });

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
