using System.Text;
using System.Text.Json;
using EventOrch.Api.Requests;
using EventOrch.Api.Secrets;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Resources;

/// <summary>Secrets (v1). stringData is merged into data on every write and never kept; the type defaults to Opaque.
/// What is stored and published is sealed: data and annotations (kubectl apply copies the whole object, data included,
/// into an annotation) are encrypted with the first configured key and opened again only when the Secret is served.
/// An update written while the Secret is sealed with an older key seals it again with the current one, so rewriting
/// every Secret moves them all to a new key.</summary>
public sealed class SecretDefinition(EncryptionKeyRing keys) : ResourceDefinition<Secret>
{
    public override IObjectEvolver<Secret> Evolver => SecretEvolver.Instance;

    public override IReadOnlyDictionary<string, Func<Secret, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<Secret, string?>> { ["type"] = s => s.Type ?? "" };

    public override Secret WithMetadata(Secret obj, ObjectMeta metadata) => obj with { Metadata = metadata };

    public override Secret PrepareForCreate(Secret obj) => Merged(obj);

    public override IReadOnlyList<FieldError> ValidateCreate(Secret obj) => SecretValidation.ValidateCreate(obj);

    public override Secret PrepareForUpdate(Secret old, Secret updated) => Merged(updated);

    public override IReadOnlyList<FieldError> ValidateUpdate(Secret old, Secret updated) => SecretValidation.ValidateUpdate(old, updated);

    /// <summary>Nothing is stored unsealed: without a key, no Secret is written.</summary>
    public override Task<ApiResult<Secret>> BeforeWriteAsync(Marten.IDocumentSession session, Secret? old, Secret obj, CancellationToken cancellationToken) =>
        Task.FromResult(keys.CanSeal
            ? new ApiResult<Secret>(obj, null)
            : new ApiResult<Secret>(null, new Status
            {
                Code = 500,
                Reason = StatusReasons.InternalError,
                Message = $"secrets \"{obj.Metadata.Name}\" cannot be stored: the Api has no encryption key ({EncryptionOptions.Section}:EncryptionKeys)",
                Details = new StatusDetails { Name = obj.Metadata.Name, Kind = Kind.Plural },
            }));

    public override IObjectEvent Created(Secret obj) => new SecretCreated(obj with
    {
        Data = null,
        StringData = null,
        Metadata = obj.Metadata with { Annotations = null },
        Sealed = Seal(obj),
    });

    public override IReadOnlyList<IObjectEvent> Changes(Secret old, Secret updated)
    {
        var events = new List<IObjectEvent>();
        var (uid, ns, name) = (old.Metadata.Uid!, old.Metadata.Namespace!, old.Metadata.Name!);
        // Annotations travel sealed with the data, never in a metadata event.
        var metadata = ObjectMetaEvolution.Diff(old.Metadata, updated.Metadata) with { Annotations = null };
        if (!metadata.IsEmpty) events.Add(new SecretMetadataChanged(uid, ns, name, metadata));
        if (!ObjectMetaEvolution.DictionaryEquals(old.Data, updated.Data)
            || !ObjectMetaEvolution.DictionaryEquals(old.Metadata.Annotations, updated.Metadata.Annotations)
            || old.SealedWithKey != keys.PrimaryKeyId)
        {
            events.Add(new SecretDataChanged(uid, ns, name, Seal(updated)));
        }
        if (old.Immutable != updated.Immutable) events.Add(new SecretImmutableChanged(uid, ns, name, updated.Immutable));
        return events;
    }

    public override IObjectEvent Deleted(Secret obj) => new SecretDeleted(obj.Metadata.Uid!, obj.Metadata.Namespace!, obj.Metadata.Name!);

    /// <summary>The Secret as clients see it: data and annotations opened, the sealed form gone.</summary>
    public override ApiResult<Secret> Open(Secret stored)
    {
        if (stored.Sealed is not { } sealedData) return stored;
        if (!keys.TryOpen(sealedData, Binding(stored), out var plaintext, out var error))
        {
            return new Status
            {
                Code = 500,
                Reason = StatusReasons.InternalError,
                Message = $"secrets \"{stored.Metadata.Name}\" cannot be read: {error}",
                Details = new StatusDetails { Name = stored.Metadata.Name, Kind = Kind.Plural },
            };
        }
        var contents = JsonSerializer.Deserialize<SealedContents>(plaintext, KubeJson.Options)!;
        return stored with
        {
            Data = contents.Data,
            Metadata = stored.Metadata with { Annotations = contents.Annotations },
            Sealed = null,
            SealedWithKey = sealedData.KeyId,
        };
    }

    // stringData overrides data key by key, and is then forgotten, as in Kubernetes.
    private static Secret Merged(Secret secret)
    {
        var data = secret.Data is { Count: > 0 } given ? new Dictionary<string, byte[]>(given, StringComparer.Ordinal) : null;
        foreach (var (key, value) in secret.StringData ?? [])
        {
            data ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
            data[key] = Encoding.UTF8.GetBytes(value);
        }
        return secret with { Data = data, StringData = null, Type = string.IsNullOrEmpty(secret.Type) ? SecretTypes.Opaque : secret.Type };
    }

    private SealedData Seal(Secret secret)
    {
        var contents = new SealedContents(secret.Data is { Count: > 0 } data ? data : null,
            secret.Metadata.Annotations is { Count: > 0 } annotations ? annotations : null);
        return keys.Seal(JsonSerializer.SerializeToUtf8Bytes(contents, KubeJson.Options), Binding(secret));
    }

    // The ciphertext belongs to this object (its uid never changes): the same bytes under another Secret do not open.
    private static byte[] Binding(Secret secret) => Encoding.UTF8.GetBytes($"secrets/{secret.Metadata.Uid}");

    /// <summary>What the seal holds.</summary>
    private sealed record SealedContents(Dictionary<string, byte[]>? Data, Dictionary<string, string>? Annotations);
}
