using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.NodeAgent.ConfigSources;

namespace EventOrch.Tests.Unit.NodeAgent;

public sealed class ContainerEnvTests
{
    /// <summary>ConfigMaps and Secrets held in memory, as the agent's informer and Secret store would give them.</summary>
    private sealed class Lookup : IPodConfigLookup
    {
        public Dictionary<string, ConfigMap> ConfigMaps { get; } = [];
        public Dictionary<string, Secret> Secrets { get; } = [];

        public ConfigMap? ConfigMap(string @namespace, string name) => ConfigMaps.GetValueOrDefault($"{@namespace}/{name}");

        public Task<Secret?> SecretAsync(string @namespace, string name, CancellationToken cancellationToken) =>
            Task.FromResult(Secrets.GetValueOrDefault($"{@namespace}/{name}"));
    }

    private static readonly Pod Pod = new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "shop", Uid = "u1" },
        Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "i" }], NodeName = "node-1" },
    };

    private static Lookup WithObjects()
    {
        var lookup = new Lookup();
        lookup.ConfigMaps["shop/settings"] = new ConfigMap { Data = new() { ["MODE"] = "fast", ["LEVEL"] = "3", ["bad key"] = "x", ["1st"] = "y" } };
        lookup.Secrets["shop/db"] = new Secret { Data = new() { ["password"] = Encoding.UTF8.GetBytes("s3cret"), ["USER"] = Encoding.UTF8.GetBytes("app") } };
        return lookup;
    }

    private static Task<EnvOutcome> Resolve(Container container, Lookup? lookup = null) =>
        ContainerEnv.ResolveAsync(Pod, container, "127.0.0.1", lookup ?? WithObjects(), CancellationToken.None);

    [Fact]
    public async Task Env_from_comes_first_with_its_prefix_and_env_entries_win()
    {
        var outcome = await Resolve(new Container
        {
            Name = "c",
            EnvFrom =
            [
                new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "settings" }, Prefix = "APP_" },
                new EnvFromSource { SecretRef = new SecretEnvSource { Name = "db" } },
            ],
            Env =
            [
                new EnvVar { Name = "APP_MODE", Value = "slow" },
                new EnvVar { Name = "PW", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "db", Key = "password" } } },
                new EnvVar { Name = "LVL", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "settings", Key = "LEVEL" } } },
                new EnvVar { Name = "POD", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } },
            ],
        });

        Assert.Null(outcome.Error);
        Assert.Equal(new Dictionary<string, string>
        {
            ["APP_MODE"] = "slow", ["APP_LEVEL"] = "3", ["APP_1st"] = "y", ["password"] = "s3cret", ["USER"] = "app",
            ["PW"] = "s3cret", ["LVL"] = "3", ["POD"] = "web",
        }, outcome.Env!.OrderBy(e => e.Key).ToDictionary());
    }

    [Fact]
    public async Task Env_from_keys_that_are_not_variable_names_are_skipped_and_reported()
    {
        var outcome = await Resolve(new Container { Name = "c", EnvFrom = [new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "settings" } }] });

        Assert.Equal(["LEVEL", "MODE"], outcome.Env!.Keys.Order());
        Assert.Equal("Keys [1st, bad key] from the EnvFrom configMap shop/settings were skipped since they are considered invalid environment variable names.",
            Assert.Single(outcome.Skipped));
    }

    [Theory]
    [InlineData("missing", "MODE", false, "configmap \"missing\" not found")]
    [InlineData("settings", "NOPE", false, "couldn't find key NOPE in ConfigMap shop/settings")]
    public async Task A_missing_config_map_or_key_is_a_config_error_in_kubernetes_words(string name, string key, bool optional, string error)
    {
        var outcome = await Resolve(new Container
        {
            Name = "c",
            Env = [new EnvVar { Name = "X", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = name, Key = key, Optional = optional } } }],
        });

        Assert.Equal(error, outcome.Error);
        Assert.Null(outcome.Env);
    }

    [Fact]
    public async Task Missing_secrets_and_keys_are_errors_unless_optional()
    {
        var missingSecret = await Resolve(new Container { Name = "c", EnvFrom = [new EnvFromSource { SecretRef = new SecretEnvSource { Name = "gone" } }] });
        var missingKey = await Resolve(new Container
        {
            Name = "c",
            Env = [new EnvVar { Name = "X", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "db", Key = "token" } } }],
        });
        var optional = await Resolve(new Container
        {
            Name = "c",
            EnvFrom = [new EnvFromSource { SecretRef = new SecretEnvSource { Name = "gone", Optional = true } }],
            Env =
            [
                new EnvVar { Name = "X", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "db", Key = "token", Optional = true } } },
                new EnvVar { Name = "Y", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "gone", Key = "k", Optional = true } } },
            ],
        });

        Assert.Equal("secret \"gone\" not found", missingSecret.Error);
        Assert.Equal("couldn't find key token in Secret shop/db", missingKey.Error);
        Assert.Null(optional.Error);
        Assert.Empty(optional.Env!);
    }

    [Fact]
    public async Task Volume_files_follow_items_and_modes_and_an_absent_key_is_an_error_unless_optional()
    {
        var lookup = WithObjects();
        lookup.ConfigMaps["shop/settings"] = lookup.ConfigMaps["shop/settings"] with { BinaryData = new() { ["logo"] = [1, 2] } };
        var all = await ConfigVolumePayload.ForAsync(Pod, new Volume { Name = "v", ConfigMap = new ConfigMapVolumeSource { Name = "settings", DefaultMode = 256 } }, lookup, default);
        var items = await ConfigVolumePayload.ForAsync(Pod, new Volume
        {
            Name = "v",
            Secret = new SecretVolumeSource { SecretName = "db", Items = [new KeyToPath { Key = "password", Path = "db/pw", Mode = 384 }] },
        }, lookup, default);
        var absent = await ConfigVolumePayload.ForAsync(Pod, new Volume
        {
            Name = "v",
            Secret = new SecretVolumeSource { SecretName = "db", Items = [new KeyToPath { Key = "token", Path = "t" }] },
        }, lookup, default);
        var missingOptional = await ConfigVolumePayload.ForAsync(Pod, new Volume { Name = "v", ConfigMap = new ConfigMapVolumeSource { Name = "gone", Optional = true } }, lookup, default);

        Assert.Equal(["1st", "LEVEL", "MODE", "bad key", "logo"], all.Files!.Keys.Order(StringComparer.Ordinal));
        Assert.All(all.Files.Values, f => Assert.Equal(256, f.Mode));
        Assert.Equal([1, 2], all.Files["logo"].Content);
        var file = Assert.Single(items.Files!);
        Assert.Equal(("db/pw", 384, "s3cret"), (file.Key, file.Value.Mode, Encoding.UTF8.GetString(file.Value.Content)));
        Assert.Equal("references non-existent secret key: token", absent.Error);
        Assert.Empty(missingOptional.Files!);
    }
}
