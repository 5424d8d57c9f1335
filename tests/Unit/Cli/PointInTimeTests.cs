using EventOrch.Cli;
using EventOrch.Cli.Commands;

namespace EventOrch.Tests.Unit.Cli;

public sealed class PointInTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("12345", "12345")]
    [InlineData("2026-11-24T10:00:00Z", "2026-11-24T10:00:00Z")]
    [InlineData("2026-11-24T11:00:00+01:00", "2026-11-24T10:00:00Z")]
    [InlineData("2026-11-24T10:00:00.25Z", "2026-11-24T10:00:00.25Z")]
    [InlineData("10m", "2026-11-25T11:50:00Z")]
    [InlineData("1h30m", "2026-11-25T10:30:00Z")]
    public void A_resource_version_passes_as_it_is_and_times_and_durations_ago_become_utc_times(string text, string asOf) =>
        Assert.Equal(asOf, PointInTime.Read(text, "--as-of", Now));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("10x")]
    public void Anything_else_is_an_error_naming_the_flag_and_the_forms(string text) =>
        Assert.StartsWith($"invalid argument \"{text}\" for \"--from\" flag: give an RFC 3339 time",
            Assert.Throws<CliException>(() => PointInTime.Read(text, "--from", Now)).Message);

    [Fact]
    public void No_point_is_now() => Assert.Null(PointInTime.Read(null, "--to", Now));
}
