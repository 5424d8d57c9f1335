using System.Globalization;
using System.Numerics;

namespace EventOrch.Contracts.Quantities;

/// <summary>How a quantity prints: the suffix family it was written with.</summary>
public enum QuantityFormat
{
    /// <summary>Decimal SI suffixes: n u m k M G T P E.</summary>
    DecimalSI,

    /// <summary>Binary SI suffixes: Ki Mi Gi Ti Pi Ei.</summary>
    BinarySI,

    /// <summary>A decimal exponent: e3, E-2.</summary>
    DecimalExponent,
}

/// <summary>A Kubernetes resource quantity (<c>500m</c>, <c>128Mi</c>, <c>1e3</c>), exact to the nano unit.</summary>
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>, IComparable
{
    private static readonly string[] DecimalSuffixes = ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"];
    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    public Quantity(decimal value, QuantityFormat format = QuantityFormat.DecimalSI)
    {
        Value = RoundUpToNano(value);
        Format = format;
    }

    public static Quantity Zero => default;

    /// <summary>The exact value, rounded up (away from zero) to the nearest 10^-9.</summary>
    public decimal Value { get; }

    public QuantityFormat Format { get; }

    /// <summary>The value in thousandths, rounded up away from zero (saturating at the bounds of long).</summary>
    public long MilliValue =>
        Value > long.MaxValue / 1000m ? long.MaxValue : Value < long.MinValue / 1000m ? long.MinValue : Ceiling(Value * 1000m);

    /// <summary>The value rounded up away from zero to an integer (saturating at the bounds of long).</summary>
    public long ValueCeiling => Ceiling(Value);

    public bool IsZero => Value == 0;

    public int Sign => Math.Sign(Value);

    public static Quantity FromMilli(long milli) => new(milli / 1000m);

    public static bool TryParse(string? text, out Quantity quantity, out string? error)
    {
        quantity = default;
        if (text is null)
        {
            error = QuantityParser.FormatError;
            return false;
        }
        if (!QuantityParser.TryParse(text, out var value, out var format, out error)) return false;
        quantity = new Quantity(value, format);
        return true;
    }

    public static bool TryParse(string? text, out Quantity quantity) => TryParse(text, out quantity, out _);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with Kubernetes' message when it is not a quantity.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, out var quantity, out var error) ? quantity : throw new FormatException(error);

    /// <summary>Kubernetes' canonical form: the largest suffix of the format that keeps an integer mantissa
    /// (<c>0.5</c> prints <c>500m</c>, <c>1.5Gi</c> prints <c>1536Mi</c>).</summary>
    public override string ToString()
    {
        if (Value == 0) return "0";
        var sign = Value < 0 ? "-" : "";
        var magnitude = Math.Abs(Value);
        if (Format == QuantityFormat.BinarySI && magnitude >= 1024 && decimal.Truncate(magnitude) == magnitude)
        {
            var units = new BigInteger(magnitude);
            var power = 0;
            while (power < BinarySuffixes.Length - 1 && (units % 1024).IsZero)
            {
                units /= 1024;
                power++;
            }
            return $"{sign}{units.ToString(CultureInfo.InvariantCulture)}{BinarySuffixes[power]}";
        }

        var whole = decimal.Truncate(magnitude);
        var mantissa = new BigInteger(whole) * 1_000_000_000 + new BigInteger((magnitude - whole) * 1_000_000_000m);
        var exponent = -9;
        while ((mantissa % 1000).IsZero && (Format == QuantityFormat.DecimalExponent || exponent < 18))
        {
            mantissa /= 1000;
            exponent += 3;
        }
        var suffix = Format == QuantityFormat.DecimalExponent
            ? exponent == 0 ? "" : "e" + exponent.ToString(CultureInfo.InvariantCulture)
            : DecimalSuffixes[(exponent + 9) / 3];
        return $"{sign}{mantissa.ToString(CultureInfo.InvariantCulture)}{suffix}";
    }

    public bool Equals(Quantity other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();

    public int CompareTo(Quantity other) => Value.CompareTo(other.Value);

    public int CompareTo(object? obj) => obj is Quantity other ? CompareTo(other) : throw new ArgumentException("not a quantity", nameof(obj));

    // The sum keeps the left operand's format unless the left is zero, as Kubernetes' Quantity.Add does.
    public static Quantity operator +(Quantity a, Quantity b) => new(a.Value + b.Value, a.IsZero ? b.Format : a.Format);

    public static Quantity operator -(Quantity a, Quantity b) => new(a.Value - b.Value, a.IsZero ? b.Format : a.Format);

    public static Quantity operator -(Quantity a) => new(-a.Value, a.Format);

    public static bool operator ==(Quantity a, Quantity b) => a.Equals(b);

    public static bool operator !=(Quantity a, Quantity b) => !a.Equals(b);

    public static bool operator <(Quantity a, Quantity b) => a.Value < b.Value;

    public static bool operator >(Quantity a, Quantity b) => a.Value > b.Value;

    public static bool operator <=(Quantity a, Quantity b) => a.Value <= b.Value;

    public static bool operator >=(Quantity a, Quantity b) => a.Value >= b.Value;

    private static decimal RoundUpToNano(decimal value)
    {
        // From 10^19 on, a decimal has no room for more than nine fractional digits.
        if (Math.Abs(value) >= 10_000_000_000_000_000_000m) return value;
        var nano = value * 1_000_000_000m;
        var whole = decimal.Truncate(nano);
        if (whole != nano) whole += Math.Sign(value);
        return whole / 1_000_000_000m;
    }

    private static long Ceiling(decimal value)
    {
        var whole = decimal.Truncate(value);
        if (whole != value) whole += Math.Sign(value);
        return whole >= long.MaxValue ? long.MaxValue : whole <= long.MinValue ? long.MinValue : (long)whole;
    }
}
