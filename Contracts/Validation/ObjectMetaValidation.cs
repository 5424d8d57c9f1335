using System.Globalization;
using System.Text;
using System.Text.Json;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' ObjectMeta rules on create and update (apimachinery/pkg/api/validation/objectmeta.go).</summary>
public static class ObjectMetaValidation
{
    public const string FieldImmutable = "field is immutable";
    public const string NegativeNumber = "must be greater than or equal to 0";

    /// <summary>The rules for a new object. The caller has already turned generateName into a name.</summary>
    public static IReadOnlyList<FieldError> ValidateCreate(ObjectMeta meta, bool requiresNamespace, NameValidator validateName, string path = "metadata")
    {
        var errors = new List<FieldError>();
        var root = FieldPath.Root(path);
        if (!string.IsNullOrEmpty(meta.GenerateName))
        {
            foreach (var message in validateName(meta.GenerateName, true)) errors.Add(FieldError.Invalid(root.Child("generateName"), meta.GenerateName, message));
        }
        if (string.IsNullOrEmpty(meta.Name)) errors.Add(FieldError.Required(root.Child("name"), "name or generateName is required"));
        else
        {
            foreach (var message in validateName(meta.Name, false)) errors.Add(FieldError.Invalid(root.Child("name"), meta.Name, message));
        }

        if (requiresNamespace)
        {
            if (string.IsNullOrEmpty(meta.Namespace)) errors.Add(FieldError.Required(root.Child("namespace")));
            else
            {
                foreach (var message in NameValidation.NameIsDnsLabel(meta.Namespace, false)) errors.Add(FieldError.Invalid(root.Child("namespace"), meta.Namespace, message));
            }
        }
        else if (!string.IsNullOrEmpty(meta.Namespace))
        {
            errors.Add(FieldError.Forbidden(root.Child("namespace"), "not allowed on this type"));
        }

        if (meta.Generation < 0) errors.Add(FieldError.Invalid(root.Child("generation"), meta.Generation.Value, NegativeNumber));
        errors.AddRange(ValidateLabels(meta.Labels, root.Child("labels")));
        errors.AddRange(ValidateAnnotations(meta.Annotations, root.Child("annotations")));
        errors.AddRange(ValidateOwnerReferences(meta.OwnerReferences, root.Child("ownerReferences")));
        errors.AddRange(ValidateFinalizers(meta.Finalizers, root.Child("finalizers")));
        return errors;
    }

    /// <summary>The rules for replacing <paramref name="old"/> with <paramref name="updated"/>. A uid or timestamp the
    /// update leaves out keeps its old value, as the Kubernetes registry fills them in before validating.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(ObjectMeta updated, ObjectMeta old, string path = "metadata")
    {
        var errors = new List<FieldError>();
        var root = FieldPath.Root(path);
        if (old.DeletionTimestamp is not null)
        {
            var added = (updated.Finalizers ?? []).Except(old.Finalizers ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (added.Count > 0)
            {
                var list = string.Join(", ", added.Select(FieldError.Quote));
                errors.Add(FieldError.Forbidden(root.Child("finalizers"),
                    $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{{list}}}"));
            }
        }

        Immutable(errors, root.Child("name"), updated.Name ?? "", old.Name ?? "");
        Immutable(errors, root.Child("namespace"), updated.Namespace ?? "", old.Namespace ?? "");
        Immutable(errors, root.Child("uid"), updated.Uid ?? old.Uid, old.Uid);
        Immutable(errors, root.Child("creationTimestamp"), updated.CreationTimestamp ?? old.CreationTimestamp, old.CreationTimestamp);
        Immutable(errors, root.Child("deletionTimestamp"), updated.DeletionTimestamp ?? old.DeletionTimestamp, old.DeletionTimestamp);
        var grace = updated.DeletionGracePeriodSeconds ?? old.DeletionGracePeriodSeconds;
        if (grace != old.DeletionGracePeriodSeconds) errors.Add(FieldError.Invalid(root.Child("deletionGracePeriodSeconds"), grace!.Value, FieldImmutable));

        errors.AddRange(ValidateLabels(updated.Labels, root.Child("labels")));
        errors.AddRange(ValidateAnnotations(updated.Annotations, root.Child("annotations")));
        errors.AddRange(ValidateOwnerReferences(updated.OwnerReferences, root.Child("ownerReferences")));
        errors.AddRange(ValidateFinalizers(updated.Finalizers, root.Child("finalizers")));
        return errors;
    }

    /// <summary>The rules for a status update, which changes nothing of the metadata: it must still be about the same
    /// object, so a uid it names must be the stored one (a writer holding a copy of an object since deleted and made
    /// again under its name gets a 422, as from Kubernetes, rather than writing onto the new one).</summary>
    public static IReadOnlyList<FieldError> ValidateStatusUpdate(ObjectMeta updated, ObjectMeta old, string path = "metadata")
    {
        var errors = new List<FieldError>();
        Immutable(errors, FieldPath.Root(path).Child("uid"), updated.Uid ?? old.Uid, old.Uid);
        return errors;
    }

    /// <summary>Every key a qualified name, every value a label value; errors carry the whole path (no key).</summary>
    public static IReadOnlyList<FieldError> ValidateLabels(IReadOnlyDictionary<string, string>? labels, string path)
    {
        var errors = new List<FieldError>();
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            errors.AddRange(ValidateLabelName(key, path));
            foreach (var message in NameValidation.IsValidLabelValue(value)) errors.Add(FieldError.Invalid(path, value, message));
        }
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateLabelName(string key, string path) =>
        NameValidation.IsQualifiedName(key).Select(message => FieldError.Invalid(path, key, message)).ToList();

    /// <summary>Keys are qualified names (case-insensitively); keys and values together at most 256 KiB.</summary>
    public static IReadOnlyList<FieldError> ValidateAnnotations(IReadOnlyDictionary<string, string>? annotations, string path)
    {
        var errors = new List<FieldError>();
        long size = 0;
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            foreach (var message in NameValidation.IsQualifiedName(key.ToLowerInvariant())) errors.Add(FieldError.Invalid(path, key, message));
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }
        if (size > NameValidation.TotalAnnotationSizeLimit) errors.Add(FieldError.TooLong(path, NameValidation.TotalAnnotationSizeLimit));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateOwnerReferences(IReadOnlyList<OwnerReference>? references, string path)
    {
        var errors = new List<FieldError>();
        var root = FieldPath.Root(path);
        string? firstController = null;
        foreach (var reference in references ?? [])
        {
            var slash = reference.ApiVersion.LastIndexOf('/');
            if (reference.ApiVersion[(slash + 1)..].Length == 0) errors.Add(FieldError.Invalid(root.Child("apiVersion"), reference.ApiVersion, "version must not be empty"));
            if (reference.Kind.Length == 0) errors.Add(FieldError.Invalid(root.Child("kind"), reference.Kind, "must not be empty"));
            if (reference.Name.Length == 0) errors.Add(FieldError.Invalid(root.Child("name"), reference.Name, "must not be empty"));
            if (reference.Uid.Length == 0) errors.Add(FieldError.Invalid(root.Child("uid"), reference.Uid, "must not be empty"));
            if (reference.Controller != true) continue;
            var controller = $"{reference.Kind}/{reference.Name}";
            if (firstController is null) firstController = controller;
            else
            {
                errors.Add(FieldError.InvalidLiteral(path, JsonSerializer.Serialize(references, Serialization.KubeJson.Options),
                    $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {controller}"));
            }
        }
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateFinalizers(IReadOnlyList<string>? finalizers, string path)
    {
        var errors = new List<FieldError>();
        foreach (var finalizer in finalizers ?? [])
        {
            foreach (var message in NameValidation.IsQualifiedName(finalizer)) errors.Add(FieldError.Invalid(path, finalizer, message));
        }
        if (finalizers is not null && finalizers.Contains(GarbageCollectionFinalizers.Orphan)
            && finalizers.Contains(GarbageCollectionFinalizers.ForegroundDeletion))
        {
            errors.Add(FieldError.InvalidLiteral(path, JsonSerializer.Serialize(finalizers),
                $"finalizer {GarbageCollectionFinalizers.Orphan} and {GarbageCollectionFinalizers.ForegroundDeletion} cannot be both set"));
        }
        return errors;
    }

    private static void Immutable(List<FieldError> errors, string path, string? updated, string? old)
    {
        if (updated != old) errors.Add(FieldError.Invalid(path, updated, FieldImmutable));
    }

    private static void Immutable(List<FieldError> errors, string path, DateTimeOffset? updated, DateTimeOffset? old)
    {
        if (updated != old) errors.Add(FieldError.Invalid(path, updated is { } value ? Timestamp(value) : null, FieldImmutable));
    }

    private static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
