using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Replays;

public sealed class ReplayValidationTests
{
    [Fact]
    public void A_replay_needs_no_name_and_may_list_no_differences()
    {
        Assert.Empty(ReplayValidation.Validate(new Replay { Spec = new ReplaySpec { Verify = true, MaxDifferences = 0 } }));
        Assert.Empty(ReplayValidation.Validate(new Replay { Metadata = new ObjectMeta { Name = "nightly" } }));
    }

    [Theory]
    [InlineData(null, "shop", -1, "metadata.namespace")]
    [InlineData("Not_A_Name", null, 10, "metadata.name")]
    [InlineData(null, null, -1, "spec.maxDifferences")]
    [InlineData(null, null, 100_001, "spec.maxDifferences")]
    public void What_a_replay_may_not_ask_is_refused_on_its_field(string? name, string? ns, int max, string field)
    {
        var errors = ReplayValidation.Validate(new Replay
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns },
            Spec = new ReplaySpec { MaxDifferences = max is -1 && field != "spec.maxDifferences" ? null : max },
        });

        Assert.Equal(field, Assert.Single(errors).Field);
    }
}
