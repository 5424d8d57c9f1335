using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Kinds;

public sealed class ConfigMapAndSecretEvolverTests
{
    private static EventPosition At(long sequence, long version) => new(sequence, version, DateTimeOffset.UnixEpoch);

    private static readonly ConfigMap StoredMap = new()
    {
        Metadata = new ObjectMeta { Name = "settings", Namespace = "default", Uid = "u1" },
        Data = new() { ["mode"] = "fast" },
    };

    private static readonly SealedData FirstSeal = new() { KeyId = "k1", Nonce = [1, 2, 3], Ciphertext = [4, 5, 6] };

    private static readonly Secret StoredSecret = new()
    {
        Metadata = new ObjectMeta { Name = "creds", Namespace = "default", Uid = "u2", Labels = new() { ["app"] = "web" } },
        Type = SecretTypes.Opaque,
        Sealed = FirstSeal,
    };

    [Fact]
    public void A_config_map_data_change_replaces_data_and_binary_data_whole()
    {
        var created = ConfigMapEvolver.Instance.Apply(null, new ConfigMapCreated(StoredMap), At(10, 1))!;

        var changed = ConfigMapEvolver.Instance.Apply(created, new ConfigMapDataChanged("u1", "default", "settings", null, new() { ["blob"] = [9] }), At(11, 2))!;

        Assert.Null(changed.Data);
        Assert.Equal([9], changed.BinaryData!["blob"]);
        Assert.Equal("11", changed.Metadata.ResourceVersion);
    }

    [Fact]
    public void A_config_map_becomes_immutable_and_is_gone_after_its_delete()
    {
        var created = ConfigMapEvolver.Instance.Apply(null, new ConfigMapCreated(StoredMap), At(10, 1))!;

        var frozen = ConfigMapEvolver.Instance.Apply(created, new ConfigMapImmutableChanged("u1", "default", "settings", true), At(12, 2))!;

        Assert.True(frozen.Immutable);
        Assert.Equal("fast", frozen.Data!["mode"]);
        Assert.Null(ConfigMapEvolver.Instance.Apply(frozen, new ConfigMapDeleted("u1", "default", "settings"), At(13, 3)));
    }

    [Fact]
    public void A_secret_data_change_replaces_the_seal_and_drops_any_opened_data_and_annotations()
    {
        var opened = StoredSecret with
        {
            Sealed = null,
            Data = new() { ["password"] = [1] },
            Metadata = StoredSecret.Metadata with { Annotations = new() { ["note"] = "x" } },
        };
        var second = new SealedData { KeyId = "k2", Nonce = [7], Ciphertext = [8] };

        var changed = SecretEvolver.Instance.Apply(opened, new SecretDataChanged("u2", "default", "creds", second), At(21, 2))!;

        Assert.Same(second, changed.Sealed);
        Assert.Null(changed.Data);
        Assert.Null(changed.Metadata.Annotations);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, changed.Metadata.Labels);
        Assert.Equal("21", changed.Metadata.ResourceVersion);
    }

    [Fact]
    public void A_secret_metadata_change_keeps_the_seal()
    {
        var created = SecretEvolver.Instance.Apply(null, new SecretCreated(StoredSecret), At(20, 1))!;

        var relabelled = SecretEvolver.Instance.Apply(created,
            new SecretMetadataChanged("u2", "default", "creds", new MetadataChanges { Labels = new() { ["app"] = "api" } }), At(22, 2))!;

        Assert.Same(FirstSeal, relabelled.Sealed);
        Assert.Equal("api", relabelled.Metadata.Labels!["app"]);
        Assert.Null(SecretEvolver.Instance.Apply(relabelled, new SecretDeleted("u2", "default", "creds"), At(23, 3)));
    }
}
