using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public sealed class SecretValidationTests
{
    private static Secret Secret(string? type = null, Dictionary<string, byte[]>? data = null, Dictionary<string, string>? annotations = null,
        bool? immutable = null) => new()
    {
        Metadata = new ObjectMeta { Name = "creds", Namespace = "default", Annotations = annotations },
        Type = type,
        Data = data,
        Immutable = immutable,
    };

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static List<string> Errors(Secret secret) => SecretValidation.ValidateCreate(secret).Select(e => e.Message).ToList();

    [Fact]
    public void An_opaque_secret_may_hold_any_valid_keys() =>
        Assert.Empty(Errors(Secret(SecretTypes.Opaque, new() { ["password"] = Bytes("s3cret"), ["api.key"] = [] })));

    [Fact]
    public void Secret_keys_follow_the_config_map_key_rule() =>
        Assert.StartsWith("data[a:b]: Invalid value: \"a:b\": a valid config key", Assert.Single(Errors(Secret(data: new() { ["a:b"] = [1] }))));

    [Fact]
    public void Data_over_one_mebibyte_is_too_long() =>
        Assert.Equal("data: Too long: may not be more than 1048576 bytes",
            Assert.Single(Errors(Secret(data: new() { ["a"] = new byte[ConfigMapValidation.MaxSize], ["b"] = [1] }))));

    [Theory]
    [InlineData(SecretTypes.Tls, new[] { "data[tls.crt]: Required value", "data[tls.key]: Required value" })]
    [InlineData(SecretTypes.BasicAuth, new[] { "data[username]: Required value", "data[password]: Required value" })]
    [InlineData(SecretTypes.SshAuth, new[] { "data[ssh-privatekey]: Required value" })]
    [InlineData(SecretTypes.DockerConfigJson, new[] { "data[.dockerconfigjson]: Required value" })]
    [InlineData(SecretTypes.Dockercfg, new[] { "data[.dockercfg]: Required value" })]
    [InlineData(SecretTypes.ServiceAccountToken, new[] { "metadata.annotations[kubernetes.io/service-account.name]: Required value" })]
    public void Each_kubernetes_type_requires_its_own_keys(string type, string[] expected) =>
        Assert.Equal(expected, Errors(Secret(type, new() { ["other"] = [1] })));

    [Fact]
    public void The_typed_secrets_are_valid_with_their_keys()
    {
        Assert.Empty(Errors(Secret(SecretTypes.Tls, new() { ["tls.crt"] = Bytes("cert"), ["tls.key"] = Bytes("key") })));
        Assert.Empty(Errors(Secret(SecretTypes.BasicAuth, new() { ["password"] = [] })));
        Assert.Empty(Errors(Secret(SecretTypes.SshAuth, new() { ["ssh-privatekey"] = Bytes("key") })));
        Assert.Empty(Errors(Secret(SecretTypes.DockerConfigJson, new() { [".dockerconfigjson"] = Bytes("{\"auths\":{}}") })));
        Assert.Empty(Errors(Secret(SecretTypes.ServiceAccountToken, annotations: new() { ["kubernetes.io/service-account.name"] = "default" })));
    }

    [Fact]
    public void An_empty_ssh_private_key_is_missing() =>
        Assert.Equal(["data[ssh-privatekey]: Required value"], Errors(Secret(SecretTypes.SshAuth, new() { ["ssh-privatekey"] = [] })));

    [Fact]
    public void A_docker_config_that_is_not_json_is_refused_without_echoing_it()
    {
        var error = Assert.Single(Errors(Secret(SecretTypes.DockerConfigJson, new() { [".dockerconfigjson"] = Bytes("hunter2") })));

        Assert.StartsWith("data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": must be well-formed JSON", error);
        Assert.DoesNotContain("hunter2", error);
    }

    [Fact]
    public void A_client_may_not_supply_the_sealed_form() =>
        Assert.Equal("sealed: Forbidden: may not be set: the server seals the data itself",
            Assert.Single(Errors(Secret() with { Sealed = new SealedData { KeyId = "k" } })));

    [Fact]
    public void The_type_of_a_secret_never_changes() =>
        Assert.Equal("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
            Assert.Single(SecretValidation.ValidateUpdate(Secret(SecretTypes.Opaque), Secret(SecretTypes.BasicAuth, new() { ["username"] = [] }))).Message);

    [Fact]
    public void An_immutable_secret_keeps_its_data_and_stays_immutable()
    {
        var old = Secret(data: new() { ["a"] = [1] }, immutable: true);

        var errors = SecretValidation.ValidateUpdate(old, Secret(data: new() { ["a"] = [2] }, immutable: null)).Select(e => e.Message);

        Assert.Equal(
        [
            "immutable: Forbidden: field is immutable when `immutable` is set",
            "data: Forbidden: field is immutable when `immutable` is set",
        ], errors);
        Assert.Empty(SecretValidation.ValidateUpdate(old, Secret(data: new() { ["a"] = [1] }, immutable: true)));
    }
}
