using EventOrch.Api.Tables.Printers;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Tables;

public sealed class PodPrinterTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PodPrinter _printer = new();

    private static Pod PodWith(PodStatus? status, int containers = 1, List<Container>? init = null, DateTimeOffset? deleting = null) => new()
    {
        Metadata = new ObjectMeta { Name = "web", CreationTimestamp = Now.AddMinutes(-5), DeletionTimestamp = deleting },
        Spec = new PodSpec
        {
            Containers = Enumerable.Range(0, containers).Select(i => new Container { Name = $"c{i}", Image = "busybox" }).ToList(),
            InitContainers = init,
            NodeName = status is null ? null : "node-1",
        },
        Status = status,
    };

    private static ContainerStatus Waiting(string reason, int restarts = 0) =>
        new() { Name = "c0", State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = reason } }, RestartCount = restarts };

    private static ContainerStatus Running(bool ready = true) =>
        new() { Name = "c0", Ready = ready, State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Now.AddMinutes(-4) } } };

    private static ContainerStatus Terminated(int exitCode, string? reason, int? signal = null) =>
        new() { Name = "c0", State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = exitCode, Reason = reason, Signal = signal } } };

    private IReadOnlyList<object?> Cells(Pod pod) => _printer.Cells(pod, Now);

    [Fact]
    public void A_pod_not_yet_scheduled_shows_its_phase_and_none_for_where_it_runs()
    {
        var cells = Cells(PodWith(new PodStatus { Phase = PodPhases.Pending }) with { Spec = new PodSpec { Containers = [new Container { Name = "c0" }] } });

        Assert.Equal(["web", "0/1", "Pending", "0", "5m", "<none>", "<none>", "<none>", "<none>"], cells);
    }

    [Fact]
    public void A_running_ready_pod_counts_its_ready_containers_and_shows_ip_and_node()
    {
        var pod = PodWith(new PodStatus { Phase = PodPhases.Running, PodIP = "127.0.0.1", ContainerStatuses = [Running(), Running(ready: false) with { Name = "c1" }] }, containers: 2);

        var cells = Cells(pod);

        Assert.Equal(["web", "1/2", "Running", "0", "5m", "127.0.0.1", "node-1", "<none>", "<none>"], cells);
    }

    [Theory]
    [InlineData("ContainerCreating")]
    [InlineData("CrashLoopBackOff")]
    [InlineData("ErrImagePull")]
    public void A_waiting_container_gives_the_pod_its_reason(string reason)
    {
        var cells = Cells(PodWith(new PodStatus { Phase = PodPhases.Pending, ContainerStatuses = [Waiting(reason)] }));

        Assert.Equal(reason, cells[2]);
    }

    [Fact]
    public void Restarts_show_how_long_ago_the_last_container_restarted()
    {
        var crashing = Waiting("CrashLoopBackOff", restarts: 3) with
        {
            LastState = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 1, FinishedAt = Now.AddSeconds(-90) } },
        };

        var cells = Cells(PodWith(new PodStatus { Phase = PodPhases.Running, ContainerStatuses = [crashing] }));

        Assert.Equal("3 (90s ago)", cells[3]);
    }

    [Theory]
    [InlineData(0, "Completed", null, "Completed")]
    [InlineData(1, "Error", null, "Error")]
    [InlineData(2, null, null, "ExitCode:2")]
    [InlineData(137, null, 9, "Signal:9")]
    public void A_terminated_container_gives_its_reason_or_its_exit(int exitCode, string? reason, int? signal, string expected)
    {
        var cells = Cells(PodWith(new PodStatus { Phase = PodPhases.Succeeded, ContainerStatuses = [Terminated(exitCode, reason, signal)] }));

        Assert.Equal(expected, cells[2]);
    }

    [Fact]
    public void A_pod_being_deleted_is_terminating_unless_it_has_finished()
    {
        var running = PodWith(new PodStatus { Phase = PodPhases.Running, ContainerStatuses = [Running()] }, deleting: Now);
        var finished = PodWith(new PodStatus { Phase = PodPhases.Succeeded, ContainerStatuses = [Terminated(0, "Completed")] }, deleting: Now);
        var lost = PodWith(new PodStatus { Phase = PodPhases.Running, Reason = PodPrinter.NodeLostReason }, deleting: Now);

        Assert.Equal("Terminating", Cells(running)[2]);
        Assert.Equal("Completed", Cells(finished)[2]);
        Assert.Equal("Unknown", Cells(lost)[2]);
    }

    [Fact]
    public void Init_containers_show_progress_then_their_failure()
    {
        List<Container> init = [new Container { Name = "i0" }, new Container { Name = "i1" }];
        ContainerStatus Init(string name, ContainerState state) => new() { Name = name, State = state };
        var done = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 0, Reason = "Completed" } };

        var second = PodWith(new PodStatus { Phase = PodPhases.Pending, InitContainerStatuses =
            [Init("i0", done), Init("i1", new ContainerState { Running = new ContainerStateRunning() })] }, init: init);
        var failed = PodWith(new PodStatus { Phase = PodPhases.Pending, InitContainerStatuses =
            [Init("i0", new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 1, Reason = "Error" } })] }, init: init);
        var crashing = PodWith(new PodStatus { Phase = PodPhases.Pending, InitContainerStatuses =
            [Init("i0", new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff" } })] }, init: init);
        var initializing = PodWith(new PodStatus { Phase = PodPhases.Pending, InitContainerStatuses =
            [Init("i0", new ContainerState { Waiting = new ContainerStateWaiting { Reason = "PodInitializing" } })] }, init: init);

        Assert.Equal("Init:1/2", Cells(second)[2]);
        Assert.Equal("Init:Error", Cells(failed)[2]);
        Assert.Equal("Init:CrashLoopBackOff", Cells(crashing)[2]);
        Assert.Equal("Init:0/2", Cells(initializing)[2]);
    }

    [Fact]
    public void A_completed_container_beside_a_running_one_reads_running_when_the_pod_is_ready()
    {
        var statuses = new List<ContainerStatus> { Running() with { Name = "c0" }, Terminated(0, "Completed") with { Name = "c1" } };
        var ready = new PodStatus
        {
            Phase = PodPhases.Running,
            ContainerStatuses = statuses,
            Conditions = [new PodCondition { Type = PodConditions.Ready, Status = ConditionStatuses.True }],
        };

        Assert.Equal("Running", Cells(PodWith(ready, containers: 2))[2]);
        Assert.Equal("NotReady", Cells(PodWith(ready with { Conditions = [] }, containers: 2))[2]);
    }

    [Fact]
    public void A_finished_pod_carries_a_completed_row_condition()
    {
        var failed = PodWith(new PodStatus { Phase = PodPhases.Failed });

        var condition = Assert.Single(_printer.Conditions(failed)!);

        Assert.Equal(("Completed", "True", "Failed"), (condition.Type, condition.Status, condition.Reason));
        Assert.Null(_printer.Conditions(PodWith(new PodStatus { Phase = PodPhases.Running })));
    }

    [Fact]
    public void Wide_columns_have_priority_one()
    {
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age"], _printer.Columns.Where(c => c.Priority == 0).Select(c => c.Name));
        Assert.Equal(["IP", "Node", "Nominated Node", "Readiness Gates"], _printer.Columns.Where(c => c.Priority == 1).Select(c => c.Name));
        Assert.Equal("name", _printer.Columns[0].Format);
    }
}
