using EventOrch.Api.Tables;

namespace EventOrch.Tests.Unit.Tables;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(125, "2m5s")]
    [InlineData(9 * 60 + 59, "9m59s")]
    [InlineData(10 * 60 + 30, "10m")]
    [InlineData(179 * 60, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 25 * 60, "3h25m")]
    [InlineData(8 * 3600 + 25 * 60, "8h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(50 * 3600, "2d2h")]
    [InlineData(8 * 86400 + 3600, "8d")]
    [InlineData(729L * 86400, "729d")]
    [InlineData(730L * 86400, "2y")]
    [InlineData(740L * 86400, "2y10d")]
    [InlineData(9L * 365 * 86400, "9y")]
    public void Durations_read_as_kubectl_prints_ages(long seconds, string expected)
    {
        Assert.Equal(expected, Cells.HumanDuration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void An_object_without_a_creation_time_has_an_unknown_age()
    {
        Assert.Equal("<unknown>", Cells.Since(null, DateTimeOffset.UtcNow));
    }
}
