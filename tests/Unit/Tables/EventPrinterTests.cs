using EventOrch.Api.Tables.Printers;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Tables;

public sealed class EventPrinterTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static KubeEvent Started() => new()
    {
        Metadata = new ObjectMeta { Name = "web-abcde.0000000000002a01", Namespace = "default" },
        InvolvedObject = new ObjectReference { Kind = "Pod", Name = "web-abcde", FieldPath = "spec.containers{web}" },
        Reason = "Started",
        Message = "Started container web ",
        Type = EventTypes.Normal,
        Source = new EventSource { Component = "kubelet", Host = "node-1" },
        FirstTimestamp = Now.AddMinutes(-5),
        LastTimestamp = Now.AddSeconds(-42),
        EventTime = Now.AddMinutes(-5),
        Count = 1,
    };

    [Fact]
    public void An_Event_row_has_Kubernetes_columns_and_cells()
    {
        var printer = new EventPrinter();

        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"],
            printer.Columns.Select(c => c.Name));
        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Message"], printer.Columns.Where(c => c.Priority == 0).Select(c => c.Name));
        Assert.Equal(["42s", "Normal", "Started", "pod/web-abcde", "spec.containers{web}", "kubelet, node-1", "Started container web", "5m", 1,
            "web-abcde.0000000000002a01"], printer.Cells(Started(), Now));
    }

    [Fact]
    public void Without_timestamps_the_age_comes_from_eventTime_and_the_source_from_the_reporting_controller()
    {
        var e = Started() with { FirstTimestamp = null, LastTimestamp = null, Source = null, ReportingComponent = "default-scheduler", Count = null };

        var cells = new EventPrinter().Cells(e, Now);

        Assert.Equal(("5m", "5m", "default-scheduler", 1), (cells[0], cells[7], cells[5], cells[8]));
    }

    [Fact]
    public void An_events_k8s_io_Event_prints_as_its_core_form_does()
    {
        Assert.Equal(new EventPrinter().Cells(Started(), Now), new EventsV1EventPrinter().Cells(EventsV1Event.From(Started()), Now));
    }
}
