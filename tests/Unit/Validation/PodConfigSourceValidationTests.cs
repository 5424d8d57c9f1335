using EventOrch.Contracts.Defaulting;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public sealed class PodConfigSourceValidationTests
{
    private static List<string> Errors(Pod pod) => PodValidation.ValidateCreate(pod).Select(e => e.Message).ToList();

    private static Pod WithEnv(params EnvVar[] env) => TestPods.WithContainer(c => c with { Env = [.. env] });

    private static Pod WithEnvFrom(params EnvFromSource[] sources) => TestPods.WithContainer(c => c with { EnvFrom = [.. sources] });

    private static Pod WithVolume(Volume volume) => TestPods.WithSpec(s => s with
    {
        Volumes = [volume],
        Containers = [s.Containers[0] with { VolumeMounts = [new VolumeMount { Name = volume.Name, MountPath = "/etc/config" }] }],
    });

    [Fact]
    public void Environment_variables_may_come_from_a_config_map_key_or_a_secret_key() =>
        Assert.Empty(Errors(WithEnv(
            new EnvVar { Name = "MODE", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "settings", Key = "mode" } } },
            new EnvVar { Name = "PASSWORD", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "db", Key = "password", Optional = true } } })));

    [Fact]
    public void A_key_reference_needs_a_valid_name_and_key() =>
        Assert.Equal(
        [
            "spec.containers[0].env[0].valueFrom.configMapKeyRef.name: Required value",
            "spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value",
            "spec.containers[0].env[1].valueFrom.secretKeyRef.key: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        ], Errors(WithEnv(
            new EnvVar { Name = "A", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector() } },
            new EnvVar { Name = "B", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "db", Key = "a/b" } } })));

    [Fact]
    public void A_value_from_may_name_only_one_source_and_not_beside_a_value() =>
        Assert.Equal(
        [
            "spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not have more than one field specified at a time",
            "spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty",
        ], Errors(WithEnv(new EnvVar
        {
            Name = "A",
            Value = "x",
            ValueFrom = new EnvVarSource
            {
                ConfigMapKeyRef = new ConfigMapKeySelector { Name = "c", Key = "k" },
                SecretKeyRef = new SecretKeySelector { Name = "s", Key = "k" },
            },
        })));

    [Fact]
    public void Env_from_takes_a_config_map_or_a_secret_with_a_valid_prefix()
    {
        Assert.Empty(Errors(WithEnvFrom(
            new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "settings" }, Prefix = "APP_" },
            new EnvFromSource { SecretRef = new SecretEnvSource { Name = "db", Optional = true } })));

        Assert.Equal(
        [
            "spec.containers[0].envFrom[0].prefix: Invalid value: \"1X\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
            "spec.containers[0].envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`",
            "spec.containers[0].envFrom: Invalid value: \"\": may not have more than one field specified at a time",
            "spec.containers[0].envFrom[2].secretRef.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ], Errors(WithEnvFrom(
            new EnvFromSource { Prefix = "1X" },
            new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "a" }, SecretRef = new SecretEnvSource { Name = "b" } },
            new EnvFromSource { SecretRef = new SecretEnvSource { Name = "Bad_Name" } })));
    }

    [Fact]
    public void Config_map_and_secret_volumes_with_items_and_modes_are_valid()
    {
        Assert.Empty(Errors(WithVolume(new Volume
        {
            Name = "config",
            ConfigMap = new ConfigMapVolumeSource { Name = "settings", DefaultMode = 0b110_100_100, Items = [new KeyToPath { Key = "mode", Path = "conf/mode.txt", Mode = 0b100_000_000 }] },
        })));
        Assert.Empty(Errors(WithVolume(new Volume { Name = "creds", Secret = new SecretVolumeSource { SecretName = "db", DefaultMode = 0 } })));
    }

    [Fact]
    public void A_volume_needs_its_object_name_and_modes_within_0_to_0777() =>
        Assert.Equal(
        [
            "spec.volumes[0].configMap.name: Required value",
            "spec.volumes[0].configMap.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive",
            "spec.volumes[0].configMap.items[0].mode: Invalid value: -1: must be a number between 0 and 0777 (octal), both inclusive",
        ], Errors(WithVolume(new Volume
        {
            Name = "config",
            ConfigMap = new ConfigMapVolumeSource { DefaultMode = 512, Items = [new KeyToPath { Key = "k", Path = "p", Mode = -1 }] },
        })));

    [Theory]
    [InlineData("/etc/passwd", "spec.volumes[0].secret.items[0].path: Invalid value: \"/etc/passwd\": must be a relative path")]
    [InlineData("a/../../b", "spec.volumes[0].secret.items[0].path: Invalid value: \"a/../../b\": must not contain '..'")]
    [InlineData("..data", "spec.volumes[0].secret.items[0].path: Invalid value: \"..data\": must not start with '..'")]
    public void An_item_path_stays_inside_the_volume(string path, string expected) =>
        Assert.Equal([expected], Errors(WithVolume(new Volume
        {
            Name = "creds",
            Secret = new SecretVolumeSource { SecretName = "db", Items = [new KeyToPath { Key = "k", Path = path }] },
        })));

    [Fact]
    public void A_secret_volume_names_its_secret_with_secret_name() =>
        Assert.Equal(["spec.volumes[0].secret.secretName: Required value"], Errors(WithVolume(new Volume { Name = "creds", Secret = new SecretVolumeSource() })));

    [Fact]
    public void A_volume_has_one_source_only() =>
        Assert.Equal(["spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type"], Errors(WithVolume(new Volume
        {
            Name = "both",
            ConfigMap = new ConfigMapVolumeSource { Name = "settings" },
            Secret = new SecretVolumeSource { SecretName = "db" },
        })));

    [Fact]
    public void Defaulting_gives_config_map_and_secret_volumes_mode_0644_and_no_empty_dir()
    {
        var spec = PodDefaults.ApplySpec(new PodSpec
        {
            Containers = [TestPods.Container()],
            Volumes =
            [
                new Volume { Name = "a", ConfigMap = new ConfigMapVolumeSource { Name = "settings" } },
                new Volume { Name = "b", Secret = new SecretVolumeSource { SecretName = "db", DefaultMode = 256 } },
                new Volume { Name = "c" },
            ],
        });

        Assert.Equal((420, (EmptyDirVolumeSource?)null), (spec.Volumes![0].ConfigMap!.DefaultMode, spec.Volumes[0].EmptyDir));
        Assert.Equal(256, spec.Volumes[1].Secret!.DefaultMode);
        Assert.NotNull(spec.Volumes[2].EmptyDir);
    }
}
