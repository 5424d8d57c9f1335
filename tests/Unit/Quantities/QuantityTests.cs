using System.Globalization;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Tests.Unit.Quantities;

public sealed class QuantityTests
{
    private const string FormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    [Theory]
    [InlineData("500m", "0.5")]
    [InlineData("128Mi", "134217728")]
    [InlineData("1.5", "1.5")]
    [InlineData("1e3", "1000")]
    [InlineData("2Gi", "2147483648")]
    [InlineData("100k", "100000")]
    [InlineData("0.1", "0.1")]
    [InlineData("-1", "-1")]
    [InlineData("+2", "2")]
    [InlineData("1E-2", "0.01")]
    [InlineData("1e+3", "1000")]
    [InlineData("5n", "0.000000005")]
    [InlineData("3u", "0.000003")]
    [InlineData("1M", "1000000")]
    [InlineData("1E", "1000000000000000000")]
    [InlineData("1Ki", "1024")]
    [InlineData("0.5Ki", "512")]
    [InlineData(".5", "0.5")]
    [InlineData("1.", "1")]
    [InlineData("0", "0")]
    [InlineData("007", "7")]
    public void A_valid_quantity_parses_to_its_exact_value(string text, string expected)
    {
        Assert.True(Quantity.TryParse(text, out var quantity, out var error), error);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), quantity.Value);
    }

    [Theory]
    [InlineData("0.0000000001", "0.000000001")]
    [InlineData("1.0000000001", "1.000000001")]
    [InlineData("-0.0000000001", "-0.000000001")]
    [InlineData("1e-20", "0.000000001")]
    public void Values_below_a_nano_round_up_away_from_zero(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Quantity.Parse(text).Value);

    [Theory]
    [InlineData("", FormatError)]
    [InlineData("1.5.5", FormatError)]
    [InlineData("12MB", FormatError)]
    [InlineData("abc", FormatError)]
    [InlineData("1 Gi", FormatError)]
    [InlineData(" 1", FormatError)]
    [InlineData("Mi", FormatError)]
    [InlineData("-", FormatError)]
    [InlineData(".", "unable to parse numeric part of quantity")]
    [InlineData("1K", "unable to parse quantity's suffix")]
    [InlineData("1ki", "unable to parse quantity's suffix")]
    [InlineData("1e", "unable to parse quantity's suffix")]
    [InlineData("1Mi3", "unable to parse quantity's suffix")]
    [InlineData("1e99999999999", "unable to parse quantity's suffix")]
    public void An_invalid_quantity_is_rejected_with_kubernetes_message(string text, string error)
    {
        Assert.False(Quantity.TryParse(text, out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Theory]
    [InlineData("8Ei")]
    [InlineData("10E")]
    [InlineData("1e30")]
    [InlineData("99999999999999999999")]
    public void A_quantity_beyond_the_kubernetes_maximum_is_rejected(string text)
    {
        Assert.False(Quantity.TryParse(text, out _, out var error));
        Assert.StartsWith("quantity is too large", error);
    }

    [Fact]
    public void The_largest_quantity_is_accepted() =>
        Assert.Equal(long.MaxValue, Quantity.Parse("9223372036854775807").Value);

    [Fact]
    public void Parse_throws_a_format_exception() =>
        Assert.Equal(FormatError, Assert.Throws<FormatException>(() => Quantity.Parse("abc")).Message);

    [Theory]
    [InlineData("500m", 500, 1)]
    [InlineData("1", 1000, 1)]
    [InlineData("1.5", 1500, 2)]
    [InlineData("0.0001", 1, 1)]
    [InlineData("128Mi", 134217728000, 134217728)]
    [InlineData("-1.5", -1500, -2)]
    [InlineData("0", 0, 0)]
    public void Milli_value_and_value_ceiling_round_up(string text, long milli, long ceiling)
    {
        var quantity = Quantity.Parse(text);

        Assert.Equal(milli, quantity.MilliValue);
        Assert.Equal(ceiling, quantity.ValueCeiling);
    }

    [Theory]
    [InlineData("500m", "500m")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("1000m", "1")]
    [InlineData("2000", "2k")]
    [InlineData("1500", "1500")]
    [InlineData("128Mi", "128Mi")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("0.5Ki", "512")]
    [InlineData("1e3", "1e3")]
    [InlineData("1E-3", "1e-3")]
    [InlineData("100k", "100k")]
    [InlineData("-1", "-1")]
    [InlineData("0", "0")]
    [InlineData("0Mi", "0")]
    public void To_string_gives_the_kubernetes_canonical_form(string text, string canonical) =>
        Assert.Equal(canonical, Quantity.Parse(text).ToString());

    [Fact]
    public void Quantities_compare_by_value_across_formats()
    {
        Assert.True(Quantity.Parse("1Ki") == Quantity.Parse("1024"));
        Assert.True(Quantity.Parse("500m") < Quantity.Parse("1"));
        Assert.True(Quantity.Parse("1G") > Quantity.Parse("1Mi"));
        Assert.True(Quantity.Parse("0.5") <= Quantity.Parse("500m"));
        Assert.Equal(0, Quantity.Parse("1e3").CompareTo(Quantity.Parse("1k")));
        Assert.Equal(Quantity.Parse("1Ki").GetHashCode(), Quantity.Parse("1024").GetHashCode());
        Assert.Equal(
            ["100m", "1", "2Gi"],
            new[] { Quantity.Parse("2Gi"), Quantity.Parse("1"), Quantity.Parse("100m") }.Order().Select(q => q.ToString()));
    }

    [Fact]
    public void Sums_and_differences_are_exact_and_keep_the_left_format()
    {
        Assert.Equal("1500m", (Quantity.Parse("1") + Quantity.Parse("500m")).ToString());
        Assert.Equal("256Mi", (Quantity.Parse("128Mi") + Quantity.Parse("128Mi")).ToString());
        Assert.Equal("128Mi", (Quantity.Zero + Quantity.Parse("128Mi")).ToString());
        Assert.Equal("-500m", (Quantity.Parse("1") - Quantity.Parse("1.5")).ToString());
        Assert.Equal(0.3m, (Quantity.Parse("0.1") + Quantity.Parse("0.2")).Value);
    }

    [Fact]
    public void From_milli_builds_a_decimal_quantity() =>
        Assert.Equal("250m", Quantity.FromMilli(250).ToString());
}
