using EventOrch.Cli;
using EventOrch.Cli.Commands;

namespace EventOrch.Tests.Unit.Cli;

public sealed class DeleteCommandTests
{
    [Theory]
    [InlineData(-1, false, false, -1)]
    [InlineData(30, false, false, 30)]
    [InlineData(0, false, false, 1)]
    [InlineData(0, false, true, 0)]
    [InlineData(-1, false, true, 0)]
    [InlineData(-1, true, false, 1)]
    public void The_grace_period_follows_kubectls_rules_zero_only_with_force(int gracePeriod, bool now, bool force, int sent) =>
        Assert.Equal(sent, DeleteCommand.GracePeriodOf(gracePeriod, now, force));

    [Theory]
    [InlineData(5, false)]
    [InlineData(-1, true)]
    public void Force_with_a_grace_period_above_zero_is_refused(int gracePeriod, bool now) =>
        Assert.Equal("--force and --grace-period greater than 0 cannot be specified together",
            Assert.Throws<CliException>(() => DeleteCommand.GracePeriodOf(gracePeriod, now, force: true)).Message);
}
