using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>Kubernetes' VolumeAttachment rules (ValidateVolumeAttachment*): an attacher, a node name that is a DNS
/// subdomain and a persistentVolumeName; the spec never changes; attach and detach errors of at most 1024 bytes.</summary>
public static class VolumeAttachmentValidation
{
    public const int MaxErrorMessageBytes = 1024;

    public static IReadOnlyList<FieldError> ValidateCreate(VolumeAttachment attachment)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateCreate(attachment.Metadata, requiresNamespace: false, NameValidation.NameIsDnsSubdomain));
        ValidateSpec(attachment.Spec, FieldPath.Root("spec"), errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(VolumeAttachment old, VolumeAttachment updated)
    {
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidation.ValidateUpdate(updated.Metadata, old.Metadata));
        if (!Serialization.KubeJson.Equal(old.Spec, updated.Spec))
            errors.Add(FieldError.InvalidLiteral("spec", WorkloadValidation.Describe(updated.Spec), ObjectMetaValidation.FieldImmutable));
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateStatus(VolumeAttachment attachment)
    {
        var errors = new List<FieldError>();
        foreach (var (error, field) in new[] { (attachment.Status?.AttachError, "attachError"), (attachment.Status?.DetachError, "detachError") })
        {
            if (error?.Message is { } message && System.Text.Encoding.UTF8.GetByteCount(message) > MaxErrorMessageBytes)
                errors.Add(FieldError.TooLong($"status.{field}.message", MaxErrorMessageBytes));
        }
        return errors;
    }

    private static void ValidateSpec(VolumeAttachmentSpec spec, FieldPath path, List<FieldError> errors)
    {
        if (spec.Attacher.Length == 0) errors.Add(FieldError.Required(path.Child("attacher")));
        if (spec.NodeName.Length == 0) errors.Add(FieldError.Required(path.Child("nodeName")));
        else
        {
            foreach (var message in NameValidation.IsDns1123Subdomain(spec.NodeName)) errors.Add(FieldError.Invalid(path.Child("nodeName"), spec.NodeName, message));
        }
        if (spec.Source.PersistentVolumeName is null)
            errors.Add(FieldError.Required(path.Child("source"), "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
        else if (spec.Source.PersistentVolumeName.Length == 0)
            errors.Add(FieldError.Required(path.Child("source").Child("persistentVolumeName"), "must specify non empty persistentVolumeName"));
    }
}
