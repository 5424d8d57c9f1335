using System.Text.Json.Nodes;
using EventOrch.Cli.Output;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;

namespace EventOrch.Tests.Unit.Cli;

public sealed class TablePrinterTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-02T03:04:05Z");

    // A meta.k8s.io/v1 Table as the Api answers kubectl get pods: one column for -o wide only, one cell empty.
    private static readonly JsonNode PodTable = JsonNode.Parse("""
        {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"42"},
         "columnDefinitions":[
           {"name":"Name","type":"string","format":"name","priority":0},
           {"name":"Status","type":"string","format":"","priority":0},
           {"name":"Restarts","type":"integer","format":"","priority":0},
           {"name":"Node","type":"string","format":"","priority":1}],
         "rows":[
           {"cells":["web-1","Running",0,"node-1"],"object":{"kind":"PartialObjectMetadata","metadata":{"name":"web-1","namespace":"shop","uid":"u1"}}},
           {"cells":["a-much-longer-name","CrashLoopBackOff",12,null],"object":{"metadata":{"name":"a-much-longer-name","namespace":"dev","uid":"u2"}}}]}
        """)!;

    private static string Print(ObjectTable table, TableLayout layout, bool colors = false) =>
        string.Join("\n", new TablePrinter(new Palette(colors), layout).Render(table, out _));

    [Fact]
    public void The_servers_columns_are_printed_upper_cased_and_aligned_three_spaces_apart()
    {
        var text = Print(TableCalls.Read(PodTable, Now), new TableLayout());

        Assert.Equal("""
            NAME                 STATUS             RESTARTS
            web-1                Running            0
            a-much-longer-name   CrashLoopBackOff   12
            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Wide_adds_the_lower_priority_columns_and_a_missing_cell_reads_none()
    {
        var text = Print(TableCalls.Read(PodTable, Now), new TableLayout(Wide: true));

        Assert.EndsWith("a-much-longer-name   CrashLoopBackOff   12         <none>", text);
        Assert.StartsWith("NAME                 STATUS             RESTARTS   NODE", text);
    }

    [Fact]
    public void All_namespaces_adds_a_namespace_column_and_several_kinds_prefix_names_with_the_kind()
    {
        var text = Print(TableCalls.Read(PodTable, Now), new TableLayout(WithNamespace: true, KindPrefix: "pod"));

        Assert.Equal("""
            NAMESPACE   NAME                     STATUS             RESTARTS
            shop        pod/web-1                Running            0
            dev         pod/a-much-longer-name   CrashLoopBackOff   12
            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void A_plain_list_is_printed_with_name_and_age()
    {
        var list = JsonNode.Parse("""
            {"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[
              {"metadata":{"name":"p1","namespace":"default","creationTimestamp":"2026-01-02T03:03:00Z"}},
              {"metadata":{"name":"p2","namespace":"default","creationTimestamp":"2025-12-30T03:04:05Z"}}]}
            """)!;

        var table = TableCalls.Read(list, Now);

        Assert.Equal("7", table.ResourceVersion);
        Assert.Equal("""
            NAME   AGE
            p1     65s
            p2     3d
            """.ReplaceLineEndings("\n"), Print(table, new TableLayout()));
    }

    [Fact]
    public void Colours_do_not_disturb_the_alignment()
    {
        var plain = Print(TableCalls.Read(PodTable, Now), new TableLayout());
        var coloured = Print(TableCalls.Read(PodTable, Now), new TableLayout(), colors: true);

        Assert.Contains("\u001b[31mCrashLoopBackOff\u001b[0m", coloured);
        Assert.Equal(plain, System.Text.RegularExpressions.Regex.Replace(coloured, "\u001b\\[[0-9;]*m", ""));
    }

    [Fact]
    public void No_headers_leaves_the_header_line_out() =>
        Assert.StartsWith("web-1", Print(TableCalls.Read(PodTable, Now), new TableLayout(NoHeaders: true)));
}
