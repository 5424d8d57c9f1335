using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Quota;

/// <summary>Quantities by resource name, with the arithmetic quota needs (Kubernetes' quota helpers: add, subtract,
/// mask, compare).</summary>
public static class ResourceList
{
    /// <summary>The quantities of a list of strings; an entry that does not parse is left out (validation refuses those).</summary>
    public static Dictionary<string, Quantity> Parse(IReadOnlyDictionary<string, string>? list)
    {
        var parsed = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var (name, text) in list ?? new Dictionary<string, string>())
        {
            if (Quantity.TryParse(text, out var quantity)) parsed[name] = quantity;
        }
        return parsed;
    }

    public static Dictionary<string, string> Format(IReadOnlyDictionary<string, Quantity> list) =>
        list.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    public static Dictionary<string, Quantity> Add(IReadOnlyDictionary<string, Quantity> a, IReadOnlyDictionary<string, Quantity> b)
    {
        var sum = new Dictionary<string, Quantity>(a, StringComparer.Ordinal);
        foreach (var (name, quantity) in b) sum[name] = sum.TryGetValue(name, out var existing) ? existing + quantity : quantity;
        return sum;
    }

    /// <summary>a - b per name of a, never below zero (what an update adds over what the object used before).</summary>
    public static Dictionary<string, Quantity> SubtractNonNegative(IReadOnlyDictionary<string, Quantity> a, IReadOnlyDictionary<string, Quantity> b)
    {
        var difference = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var (name, quantity) in a)
        {
            var rest = b.TryGetValue(name, out var other) ? quantity - other : quantity;
            difference[name] = rest.Sign < 0 ? Quantity.Zero : rest;
        }
        return difference;
    }

    /// <summary>The larger of the two per name (an init container's need against the sum of the others).</summary>
    public static Dictionary<string, Quantity> Max(IReadOnlyDictionary<string, Quantity> a, IReadOnlyDictionary<string, Quantity> b)
    {
        var max = new Dictionary<string, Quantity>(a, StringComparer.Ordinal);
        foreach (var (name, quantity) in b)
        {
            if (!max.TryGetValue(name, out var existing) || quantity > existing) max[name] = quantity;
        }
        return max;
    }

    public static Dictionary<string, Quantity> Mask(IReadOnlyDictionary<string, Quantity> list, IEnumerable<string> names)
    {
        var masked = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (list.TryGetValue(name, out var quantity)) masked[name] = quantity;
        }
        return masked;
    }

    public static Dictionary<string, Quantity> WithoutZeros(IReadOnlyDictionary<string, Quantity> list) =>
        list.Where(p => !p.Value.IsZero).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary><c>a=1,b=500m</c>, by name, as Kubernetes prints a list in quota messages.</summary>
    public static string Print(IReadOnlyDictionary<string, Quantity> list) =>
        string.Join(",", list.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
