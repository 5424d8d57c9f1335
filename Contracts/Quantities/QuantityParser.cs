using System.Globalization;
using System.Numerics;

namespace EventOrch.Contracts.Quantities;

/// <summary>Parses Kubernetes quantity strings exactly (k8s.io/apimachinery/pkg/api/resource/quantity.go),
/// rounding up to the nearest nano unit as Kubernetes does.</summary>
internal static class QuantityParser
{
    public const string FormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    public const string NumericError = "unable to parse numeric part of quantity";
    public const string SuffixError = "unable to parse quantity's suffix";
    public static readonly string TooLargeError = $"quantity is too large: its magnitude may not exceed {long.MaxValue}";

    private const string SuffixLetters = "eEinumkKMGTP";
    private static readonly BigInteger NanoPerUnit = 1_000_000_000;
    private static readonly BigInteger MaxNano = long.MaxValue * NanoPerUnit;

    public static bool TryParse(string text, out decimal value, out QuantityFormat format, out string? error)
    {
        value = 0;
        format = QuantityFormat.DecimalSI;
        error = null;
        if (text.Length == 0) return Fail(FormatError, out error);

        var pos = 0;
        var negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            pos++;
        }
        var num = TakeDigits(text, ref pos);
        var denom = "";
        var hasPoint = pos < text.Length && text[pos] == '.';
        if (hasPoint)
        {
            pos++;
            denom = TakeDigits(text, ref pos);
        }

        var suffixStart = pos;
        while (pos < text.Length && SuffixLetters.Contains(text[pos])) pos++;
        if (pos < text.Length && text[pos] is '-' or '+') pos++;
        TakeDigits(text, ref pos);
        if (pos != text.Length) return Fail(FormatError, out error);
        if (num.Length == 0 && denom.Length == 0) return Fail(hasPoint ? NumericError : FormatError, out error);

        if (!TryInterpretSuffix(text[suffixStart..], out var base2, out var exponent, out format)) return Fail(SuffixError, out error);

        var digits = BigInteger.Parse(num + denom, NumberStyles.None, CultureInfo.InvariantCulture);
        var exp2 = base2 ? exponent : 0;
        var exp10 = (base2 ? 0L : exponent) - denom.Length + 9L;
        if (!TryScale(digits, exp2, exp10, out var nano)) return Fail(TooLargeError, out error);
        value = ToDecimal(nano, negative);
        return true;
    }

    private static bool TryInterpretSuffix(string suffix, out bool base2, out int exponent, out QuantityFormat format)
    {
        base2 = false;
        format = QuantityFormat.DecimalSI;
        (base2, exponent) = suffix switch
        {
            "" => (false, 0),
            "n" => (false, -9),
            "u" => (false, -6),
            "m" => (false, -3),
            "k" => (false, 3),
            "M" => (false, 6),
            "G" => (false, 9),
            "T" => (false, 12),
            "P" => (false, 15),
            "E" => (false, 18),
            "Ki" => (true, 10),
            "Mi" => (true, 20),
            "Gi" => (true, 30),
            "Ti" => (true, 40),
            "Pi" => (true, 50),
            "Ei" => (true, 60),
            _ => (false, int.MinValue),
        };
        if (base2) format = QuantityFormat.BinarySI;
        if (exponent != int.MinValue) return true;

        format = QuantityFormat.DecimalExponent;
        return suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
    }

    // digits * 2^exp2 * 10^exp10, rounded up (away from zero) to an integer count of nano units.
    private static bool TryScale(BigInteger digits, int exp2, long exp10, out BigInteger nano)
    {
        nano = BigInteger.Zero;
        if (digits.IsZero) return true;
        var significant = digits.ToString(CultureInfo.InvariantCulture).Length;
        // Cheap bound before any big power: 10^(significant-1+exp10) * 2^exp2 must stay under 10^29.
        if (significant - 1 + exp10 + (exp2 * 3 / 10) > 29) return false;
        var scaled = digits << exp2;
        if (exp10 >= 0) nano = scaled * BigInteger.Pow(10, (int)exp10);
        else if (-exp10 > significant + 20) nano = BigInteger.One;
        else
        {
            var divisor = BigInteger.Pow(10, (int)-exp10);
            nano = BigInteger.DivRem(scaled, divisor, out var remainder);
            if (!remainder.IsZero) nano += 1;
        }
        return nano <= MaxNano;
    }

    private static decimal ToDecimal(BigInteger nano, bool negative)
    {
        byte scale = 9;
        while (scale > 0 && !nano.IsZero && (nano % 10).IsZero)
        {
            nano /= 10;
            scale--;
        }
        var bits = (UInt128)nano;
        return new decimal((int)(uint)bits, (int)(uint)(bits >> 32), (int)(uint)(bits >> 64), negative && !nano.IsZero, nano.IsZero ? (byte)0 : scale);
    }

    private static string TakeDigits(string text, ref int pos)
    {
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        return text[start..pos];
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
