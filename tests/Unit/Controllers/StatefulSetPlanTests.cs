using EventOrch.Contracts.Model;
using EventOrch.Controllers.Workloads;

namespace EventOrch.Tests.Unit.Controllers;

public sealed class StatefulSetPlanTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Old = "db-old";
    private const string New = "db-new";

    private static StatefulSet Set(int replicas, string policy = StatefulSetConventions.OrderedReady, int? partition = 0,
        string strategy = StatefulSetConventions.RollingUpdate, int? start = null) => new()
    {
        Metadata = new ObjectMeta { Name = "db", Namespace = "ns", Uid = "set-uid" },
        Spec = new StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = "db",
            PodManagementPolicy = policy,
            Ordinals = start is null ? null : new StatefulSetOrdinals { Start = start },
            UpdateStrategy = new StatefulSetUpdateStrategy
            {
                Type = strategy,
                RollingUpdate = strategy == StatefulSetConventions.OnDelete ? null : new RollingUpdateStatefulSetStrategy { Partition = partition },
            },
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "db" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "db" } },
                Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "busybox" }] },
            },
        },
    };

    // A member in a state written as one letter: R running and ready, P pending, F failed, T terminating; its revision
    // is New unless the letter is lower case (Old).
    private static Pod Member(int ordinal, char state) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = $"db-{ordinal}",
            Uid = $"uid-{ordinal}",
            Labels = new() { [StatefulSetIdentity.RevisionLabel] = char.IsLower(state) ? Old : New },
            DeletionTimestamp = char.ToUpperInvariant(state) == 'T' ? Now : null,
        },
        Status = new PodStatus
        {
            Phase = char.ToUpperInvariant(state) switch { 'R' or 'T' => PodPhases.Running, 'F' => PodPhases.Failed, _ => PodPhases.Pending },
            Conditions = char.ToUpperInvariant(state) is 'R' or 'T'
                ? [new PodCondition { Type = PodConditions.Ready, Status = ConditionStatuses.True, LastTransitionTime = Now.AddMinutes(-1) }]
                : null,
        },
    };

    // "R_R" is db-0 ready, db-1 missing, db-2 ready.
    private static List<Pod> Members(string states, int start = 0) =>
        states.Select((state, i) => (state, i)).Where(x => x.state != '_').Select(x => Member(start + x.i, x.state)).ToList();

    private static string Describe(IReadOnlyList<StatefulSetAction> actions) => string.Join(" ", actions.Select(a => a switch
    {
        CreateMember c => $"create:{c.Ordinal}{(c.AtCurrentRevision ? ":current" : "")}",
        DeleteMember d => $"delete:{d.Pod.Metadata.Name}",
        _ => "?",
    }));

    [Theory]
    [InlineData(3, "", "create:0")]
    [InlineData(3, "P", "")]
    [InlineData(3, "R", "create:1")]
    [InlineData(3, "RR", "create:2")]
    [InlineData(3, "R_R", "create:1")]
    [InlineData(3, "RRR", "")]
    [InlineData(3, "RF", "delete:db-1")]
    [InlineData(3, "RT", "")]
    [InlineData(2, "RRR", "delete:db-2")]
    [InlineData(1, "RRR", "delete:db-2")]
    [InlineData(1, "RRT", "")]
    [InlineData(2, "RPR", "")]
    [InlineData(2, "RRP", "delete:db-2")]
    public void OrderedReady_does_one_thing_at_a_time_and_waits_for_every_lower_member_to_be_running_and_ready(int replicas, string members, string expected) =>
        Assert.Equal(expected, Describe(StatefulSetPlan.Decide(Set(replicas), Members(members), New, Now)));

    [Theory]
    [InlineData(3, "", "create:0 create:1 create:2")]
    [InlineData(3, "P", "create:1 create:2")]
    [InlineData(3, "PF", "delete:db-1 create:2")]
    [InlineData(1, "PPP", "delete:db-2 delete:db-1")]
    [InlineData(1, "RTR", "delete:db-2")]
    public void Parallel_creates_and_deletes_every_member_at_once(int replicas, string members, string expected) =>
        Assert.Equal(expected, Describe(StatefulSetPlan.Decide(Set(replicas, StatefulSetConventions.Parallel), Members(members), New, Now)));

    [Theory]
    [InlineData(0, "rrr", "delete:db-2")]
    [InlineData(0, "rrT", "")]
    [InlineData(0, "rrP", "")]
    [InlineData(0, "rrR", "delete:db-1")]
    [InlineData(0, "rRR", "delete:db-0")]
    [InlineData(0, "RRR", "")]
    [InlineData(2, "rrr", "delete:db-2")]
    [InlineData(2, "rrR", "")]
    [InlineData(3, "rrr", "")]
    [InlineData(5, "rrr", "")]
    public void A_rolling_update_deletes_the_highest_outdated_member_at_or_above_the_partition_once_those_above_are_ready(int partition, string members,
        string expected) =>
        Assert.Equal(expected, Describe(StatefulSetPlan.Decide(Set(3, partition: partition), Members(members), New, Now)));

    [Fact]
    public void OnDelete_leaves_outdated_members_alone() =>
        Assert.Empty(StatefulSetPlan.Decide(Set(3, strategy: StatefulSetConventions.OnDelete), Members("rrr"), New, Now));

    [Theory]
    [InlineData(2, "R", "create:1:current")]
    [InlineData(2, "RR", "create:2")]
    public void A_missing_member_below_the_partition_is_made_at_the_current_revision(int partition, string members, string expected) =>
        Assert.Equal(expected, Describe(StatefulSetPlan.Decide(Set(3, partition: partition), Members(members), New, Now)));

    [Fact]
    public void Ordinals_start_where_the_set_says_and_members_outside_the_range_are_condemned()
    {
        var set = Set(2, StatefulSetConventions.Parallel, start: 5);
        var members = new List<Pod> { Member(0, 'R'), Member(5, 'R') };

        Assert.Equal("create:6 delete:db-0", Describe(StatefulSetPlan.Decide(set, members, New, Now)));
    }

    [Fact]
    public void OrderedReady_waits_for_minReadySeconds_before_the_next_member()
    {
        var set = Set(2) with { Spec = Set(2).Spec with { MinReadySeconds = 120 } };

        Assert.Empty(StatefulSetPlan.Decide(set, Members("R"), New, Now));
        Assert.Equal("create:1", Describe(StatefulSetPlan.Decide(set, Members("R"), New, Now.AddMinutes(2))));
    }
}
