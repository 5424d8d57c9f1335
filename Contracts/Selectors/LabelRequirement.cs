using System.Globalization;

namespace EventOrch.Contracts.Selectors;

/// <summary>The operators of a label requirement (k8s.io/apimachinery/pkg/selection).</summary>
public enum LabelOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

/// <summary>One term of a label selector: a key, an operator and the values it compares with.</summary>
public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var has = labels is not null && labels.TryGetValue(Key, out value);
        return Operator switch
        {
            LabelOperator.In or LabelOperator.Equals or LabelOperator.DoubleEquals => has && Values.Contains(value!),
            LabelOperator.NotIn or LabelOperator.NotEquals => !has || !Values.Contains(value!),
            LabelOperator.Exists => has,
            LabelOperator.DoesNotExist => !has,
            LabelOperator.GreaterThan or LabelOperator.LessThan => has && CompareIntegers(value!),
            _ => false,
        };
    }

    /// <summary>The requirement in selector syntax, with set values sorted.</summary>
    public override string ToString()
    {
        var key = Operator == LabelOperator.DoesNotExist ? "!" + Key : Key;
        var op = Operator switch
        {
            LabelOperator.Equals => "=",
            LabelOperator.DoubleEquals => "==",
            LabelOperator.NotEquals => "!=",
            LabelOperator.In => " in ",
            LabelOperator.NotIn => " notin ",
            LabelOperator.GreaterThan => ">",
            LabelOperator.LessThan => "<",
            _ => null,
        };
        if (op is null) return key;
        var values = Values.Count == 1 ? Values[0] : string.Join(",", Values.Order(StringComparer.Ordinal));
        return Operator is LabelOperator.In or LabelOperator.NotIn ? $"{key}{op}({values})" : key + op + values;
    }

    private bool CompareIntegers(string labelValue)
    {
        if (Values.Count != 1 || !TryParseInt64(Values[0], out var bound) || !TryParseInt64(labelValue, out var actual)) return false;
        return Operator == LabelOperator.GreaterThan ? actual > bound : actual < bound;
    }

    internal static bool TryParseInt64(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
