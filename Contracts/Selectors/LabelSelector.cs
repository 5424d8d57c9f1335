using EventOrch.Contracts.Validation;

namespace EventOrch.Contracts.Selectors;

/// <summary>A parsed label selector with Kubernetes' semantics (k8s.io/apimachinery/pkg/labels).</summary>
public sealed class LabelSelector
{
    private readonly bool _matchesNothing;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing = false)
    {
        Requirements = requirements;
        _matchesNothing = matchesNothing;
    }

    /// <summary>The selector that matches every object.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>The selector that matches no object (a nil selector in Kubernetes).</summary>
    public static LabelSelector Nothing { get; } = new([], matchesNothing: true);

    /// <summary>The requirements, sorted by key; all must match.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEverything => !_matchesNothing && Requirements.Count == 0;

    /// <summary>Parses the string syntax of <c>?labelSelector=</c>; empty or null text selects everything.</summary>
    public static bool TryParse(string? text, out LabelSelector selector, out string? error)
    {
        selector = Everything;
        if (string.IsNullOrEmpty(text))
        {
            error = null;
            return true;
        }
        var requirements = LabelSelectorParser.Parse(text, out error);
        if (requirements is null) return false;
        selector = requirements.Count == 0 ? Everything : new LabelSelector(SortByKey(requirements));
        return true;
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> when it is not a valid selector.</summary>
    public static LabelSelector Parse(string? text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException(error);

    /// <summary>The structured form of a selector (matchLabels and matchExpressions), as metav1.LabelSelectorAsSelector.</summary>
    public static bool TryFromMatch(
        IReadOnlyDictionary<string, string>? matchLabels,
        IEnumerable<(string Key, string Operator, IReadOnlyList<string> Values)>? matchExpressions,
        out LabelSelector selector,
        out string? error)
    {
        selector = Everything;
        error = null;
        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in matchLabels ?? new Dictionary<string, string>())
        {
            if (!TryCreate(key, LabelOperator.Equals, [value], out var requirement, out error)) return false;
            requirements.Add(requirement);
        }
        foreach (var (key, op, values) in matchExpressions ?? [])
        {
            LabelOperator? parsed = op switch
            {
                "In" => LabelOperator.In,
                "NotIn" => LabelOperator.NotIn,
                "Exists" => LabelOperator.Exists,
                "DoesNotExist" => LabelOperator.DoesNotExist,
                _ => null,
            };
            if (parsed is null)
            {
                error = $"{FieldError.Quote(op)} is not a valid label selector operator";
                return false;
            }
            if (!TryCreate(key, parsed.Value, values ?? [], out var requirement, out error)) return false;
            requirements.Add(requirement);
        }
        if (requirements.Count > 0) selector = new LabelSelector(SortByKey(requirements));
        return true;
    }

    /// <summary>An equality selector (a Service's or a ReplicationController's): every pair must hold. Everything when
    /// there are none or a key is malformed (which controllers read as "manage nothing").</summary>
    public static LabelSelector OfLabels(IReadOnlyDictionary<string, string>? labels) =>
        TryFromMatch(labels, null, out var selector, out _) ? selector : Everything;

    /// <summary>Like <see cref="TryFromMatch"/>; throws <see cref="FormatException"/> for an invalid selector.</summary>
    public static LabelSelector FromMatch(
        IReadOnlyDictionary<string, string>? matchLabels,
        IEnumerable<(string Key, string Operator, IReadOnlyList<string> Values)>? matchExpressions) =>
        TryFromMatch(matchLabels, matchExpressions, out var selector, out var error) ? selector : throw new FormatException(error);

    /// <summary>Builds one requirement with Kubernetes' checks (labels.NewRequirement).</summary>
    public static bool TryCreate(string key, LabelOperator op, IReadOnlyList<string> values, out LabelRequirement requirement, out string? error)
    {
        requirement = new LabelRequirement(key, op, values.ToArray());
        var errors = new List<FieldError>();
        var keyErrors = NameValidation.IsQualifiedName(key);
        if (keyErrors.Count > 0) errors.Add(FieldError.Invalid("key", key, string.Join("; ", keyErrors)));
        var valuesPath = FieldPath.Root("values");
        switch (op)
        {
            case LabelOperator.In or LabelOperator.NotIn when values.Count == 0:
                errors.Add(FieldError.InvalidLiteral(valuesPath, "[]", "for 'in', 'notin' operators, values set can't be empty"));
                break;
            case LabelOperator.Equals or LabelOperator.DoubleEquals or LabelOperator.NotEquals when values.Count != 1:
                errors.Add(FieldError.InvalidLiteral(valuesPath, Json(values), "exact-match compatibility requires one single value"));
                break;
            case LabelOperator.Exists or LabelOperator.DoesNotExist when values.Count != 0:
                errors.Add(FieldError.InvalidLiteral(valuesPath, Json(values), "values set must be empty for exists and does not exist"));
                break;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (values.Count != 1)
                {
                    errors.Add(FieldError.InvalidLiteral(valuesPath, Json(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
                }
                for (var i = 0; i < values.Count; i++)
                {
                    if (!LabelRequirement.TryParseInt64(values[i], out _))
                    {
                        errors.Add(FieldError.Invalid(valuesPath.Index(i), values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }
                break;
        }
        for (var i = 0; i < values.Count; i++)
        {
            var valueErrors = NameValidation.IsValidLabelValue(values[i]);
            if (valueErrors.Count > 0) errors.Add(FieldError.Invalid(valuesPath.Index(i).Key(key), values[i], string.Join("; ", valueErrors)));
        }
        error = errors.Count == 0 ? null : FieldErrors.Aggregate(errors);
        return error is null;
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (_matchesNothing) return false;
        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(labels)) return false;
        }
        return true;
    }

    /// <summary>The canonical form: requirements sorted by key, joined by ','; "" for everything.</summary>
    public override string ToString() => string.Join(",", Requirements);

    private static LabelRequirement[] SortByKey(IEnumerable<LabelRequirement> requirements) =>
        requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();

    private static string Json(IReadOnlyList<string> values) => System.Text.Json.JsonSerializer.Serialize(values);
}
