using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public sealed class ConfigMapValidationTests
{
    private static ConfigMap Map(Dictionary<string, string>? data = null, Dictionary<string, byte[]>? binary = null, bool? immutable = null) => new()
    {
        Metadata = new ObjectMeta { Name = "settings", Namespace = "default" },
        Data = data,
        BinaryData = binary,
        Immutable = immutable,
    };

    [Theory]
    [InlineData("app.properties")]
    [InlineData("KEY_NAME")]
    [InlineData("key-name")]
    [InlineData(".hidden")]
    public void Keys_of_letters_digits_dashes_underscores_and_dots_are_valid(string key) =>
        Assert.Empty(ConfigMapValidation.ValidateCreate(Map(new() { [key] = "v" })));

    [Theory]
    [InlineData("a/b", "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.'")]
    [InlineData(".", "data[.]: Invalid value: \".\": must not be '.'")]
    [InlineData("..", "data[..]: Invalid value: \"..\": must not be '..'")]
    [InlineData("..x", "data[..x]: Invalid value: \"..x\": must not start with '..'")]
    public void A_key_that_cannot_be_a_file_name_is_refused_naming_it(string key, string expected) =>
        Assert.StartsWith(expected, Assert.Single(ConfigMapValidation.ValidateCreate(Map(new() { [key] = "v" }))).Message);

    [Fact]
    public void A_key_longer_than_253_characters_is_refused()
    {
        var key = new string('k', 254);

        var error = Assert.Single(ConfigMapValidation.ValidateCreate(Map(new() { [key] = "v" })));

        Assert.Equal($"data[{key}]: Invalid value: \"{key}\": must be no more than 253 characters", error.Message);
    }

    [Fact]
    public void A_key_in_both_data_and_binary_data_is_refused()
    {
        var error = Assert.Single(ConfigMapValidation.ValidateCreate(Map(new() { ["k"] = "v" }, new() { ["k"] = [1] })));

        Assert.Equal("data[k]: Invalid value: \"k\": duplicate of key present in binaryData", error.Message);
    }

    [Fact]
    public void Binary_data_keys_are_checked_under_their_own_field() =>
        Assert.StartsWith("binaryData[a b]: Invalid value",
            Assert.Single(ConfigMapValidation.ValidateCreate(Map(binary: new() { ["a b"] = [1] }))).Message);

    [Fact]
    public void Values_over_one_mebibyte_together_are_too_long()
    {
        var half = new string('x', ConfigMapValidation.MaxSize / 2);
        Assert.Empty(ConfigMapValidation.ValidateCreate(Map(new() { ["a"] = half }, new() { ["b"] = new byte[ConfigMapValidation.MaxSize / 2] })));

        var error = Assert.Single(ConfigMapValidation.ValidateCreate(Map(new() { ["a"] = half }, new() { ["b"] = new byte[ConfigMapValidation.MaxSize / 2 + 1] })));

        Assert.Equal("data: Too long: may not be more than 1048576 bytes", error.Message);
    }

    [Fact]
    public void A_mutable_config_map_may_change_its_data_and_become_immutable()
    {
        var old = Map(new() { ["a"] = "1" });

        Assert.Empty(ConfigMapValidation.ValidateUpdate(old, Map(new() { ["a"] = "2" }, immutable: true)));
    }

    [Fact]
    public void An_immutable_config_map_may_not_change_its_data_nor_become_mutable()
    {
        var old = Map(new() { ["a"] = "1" }, new() { ["b"] = [1] }, immutable: true);

        var errors = ConfigMapValidation.ValidateUpdate(old, Map(new() { ["a"] = "2" }, new() { ["b"] = [2] }, immutable: false)).Select(e => e.Message);

        Assert.Equal(
        [
            "immutable: Forbidden: field is immutable when `immutable` is set",
            "data: Forbidden: field is immutable when `immutable` is set",
            "binaryData: Forbidden: field is immutable when `immutable` is set",
        ], errors);
    }

    [Fact]
    public void An_immutable_config_map_may_still_change_its_labels()
    {
        var old = Map(new() { ["a"] = "1" }, immutable: true);

        Assert.Empty(ConfigMapValidation.ValidateUpdate(old, old with { Metadata = old.Metadata with { Labels = new() { ["x"] = "y" } } }));
    }
}
