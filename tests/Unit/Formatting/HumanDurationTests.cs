using EventOrch.Contracts.Formatting;

namespace EventOrch.Tests.Unit.Formatting;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-3, "<invalid>")]
    [InlineData(-1.5, "0s")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(125, "2m5s")]
    [InlineData(9 * 60 + 59, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(10 * 60 + 30, "10m")]
    [InlineData(179 * 60, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(3 * 3600 + 25 * 60, "3h25m")]
    [InlineData(8 * 3600 + 25 * 60, "8h")]
    [InlineData(10 * 3600, "10h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(50 * 3600, "2d2h")]
    [InlineData(8 * 86400 + 3600, "8d")]
    [InlineData(30 * 86400, "30d")]
    [InlineData(729.0 * 86400, "729d")]
    [InlineData(730.0 * 86400, "2y")]
    [InlineData(740.0 * 86400, "2y10d")]
    [InlineData(3 * 365 * 86400 + 86400, "3y1d")]
    [InlineData(9.0 * 365 * 86400, "9y")]
    public void Durations_read_as_kubectl_prints_ages(double seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }
}
