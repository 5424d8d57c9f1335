using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Validation;

/// <summary>What a Replay request may ask: a name is optional (the answer names it after its schema), a namespace is not
/// allowed (a replay covers the whole cluster), and at most <see cref="MaxListedDifferences"/> differences are listed.</summary>
public static class ReplayValidation
{
    public const int MaxListedDifferences = 100_000;

    public static IReadOnlyList<FieldError> Validate(Replay replay)
    {
        var errors = new List<FieldError>();
        var metadata = FieldPath.Root("metadata");
        if (!string.IsNullOrEmpty(replay.Metadata.Name))
        {
            foreach (var message in NameValidation.NameIsDnsSubdomain(replay.Metadata.Name, false))
                errors.Add(FieldError.Invalid(metadata.Child("name"), replay.Metadata.Name, message));
        }
        if (!string.IsNullOrEmpty(replay.Metadata.Namespace)) errors.Add(FieldError.Forbidden(metadata.Child("namespace"), "not allowed on this type"));
        if (replay.Spec.MaxDifferences is { } max and (< 0 or > MaxListedDifferences))
            errors.Add(FieldError.Invalid(FieldPath.Root("spec").Child("maxDifferences"), max, $"must be between 0 and {MaxListedDifferences}"));
        return errors;
    }
}
