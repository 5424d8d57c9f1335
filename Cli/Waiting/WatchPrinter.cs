using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Discovery;
using EventOrch.Cli.Output;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Waiting;

/// <summary>get -w: after the listing, a line (or an object) per change, from a watch that starts at the listing's
/// resourceVersion; where the Api serves no watch (400), from a list every second compared with the one before.</summary>
public sealed class WatchPrinter(
    KubeApiClient api,
    CliConsole console,
    ApiResource resource,
    string? @namespace,
    string? name,
    string? labelSelector,
    OutputFormat format,
    TableLayout layout,
    ObjectTable initial)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly bool _tables = format is OutputFormat.Table or OutputFormat.Wide;
    private readonly TablePrinter _printer = new(console.OutColors, layout);
    private IReadOnlyList<TableColumn> _columns = initial.Columns;
    private IReadOnlyList<int>? _widths;
    private bool _headerPrinted = initial.Rows.Count > 0 || layout.NoHeaders;

    private string? FieldSelector => name is null ? null : $"metadata.name={name}";
    private string Path => resource.CollectionPath(resource.Namespaced ? @namespace : null);
    private string? Accept => _tables ? ObjectTable.Accept : null;

    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        if (initial.Rows.Count > 0 && _tables)
        {
            var lines = new List<IReadOnlyList<string>> { _printer.Headers(initial) };
            lines.AddRange(initial.Rows.Select(r => _printer.Cells(initial, r)));
            _widths = TextTable.Widths(lines);
        }
        var resourceVersion = initial.ResourceVersion;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in Watcher.WatchAsync(api, Path, ObjectCalls.SelectorQuery(labelSelector, FieldSelector), resourceVersion, Accept,
                                   cancellationToken))
                {
                    if (change.Type == "BOOKMARK" || change.Object is null) continue;
                    var table = TableCalls.Read(change.Object, DateTimeOffset.UtcNow, _columns);
                    if (table.Columns.Count > 0) _columns = table.Columns;
                    foreach (var row in table.Rows)
                    {
                        await PrintAsync(table, row);
                        resourceVersion = RowResourceVersion(row) ?? resourceVersion;
                    }
                    if (table.Rows.Count == 0) resourceVersion = change.ResourceVersion ?? resourceVersion;
                }
            }
            catch (WatchNotServedException)
            {
                await PollAsync(cancellationToken);
                return;
            }
            catch (WatchExpiredException)
            {
                resourceVersion = null;
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var seen = initial.Rows.Where(r => r.Uid is not null).ToDictionary(r => r.Uid!, r => (Row: r, Version: RowResourceVersion(r)));
        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            ObjectTable table;
            try
            {
                table = _tables
                    ? await api.ListTableAsync(resource, @namespace, labelSelector, FieldSelector, DateTimeOffset.UtcNow, cancellationToken)
                    : ObjectTable.FromObjects((await api.ListObjectsAsync(resource, @namespace, labelSelector, FieldSelector, cancellationToken)).Items,
                        DateTimeOffset.UtcNow);
            }
            catch (HttpRequestException)
            {
                continue;
            }
            if (table.Columns.Count > 0) _columns = table.Columns;
            var now = new Dictionary<string, (TableRow Row, string? Version)>();
            foreach (var row in table.Rows.Where(r => r.Uid is not null))
            {
                var version = RowResourceVersion(row);
                now[row.Uid!] = (row, version);
                if (!seen.TryGetValue(row.Uid!, out var before) || before.Version != version) await PrintAsync(table, row);
            }
            foreach (var (uid, gone) in seen)
            {
                if (!now.ContainsKey(uid)) await PrintAsync(table with { Columns = _columns }, gone.Row);
            }
            seen = now;
        }
    }

    private async Task PrintAsync(ObjectTable table, TableRow row)
    {
        switch (format)
        {
            case OutputFormat.Name:
                await console.Out.WriteLineAsync(resource.ObjectName(row.Name ?? ""));
                break;
            case OutputFormat.Json:
                await console.Out.WriteLineAsync(ObjectPrinter.Json(row.Object));
                break;
            case OutputFormat.Yaml:
                await console.Out.WriteAsync("---\n" + ObjectPrinter.Yaml(row.Object));
                break;
            default:
                var shaped = table with { Columns = _columns };
                if (!_headerPrinted)
                {
                    var header = _printer.Headers(shaped);
                    _widths ??= TextTable.Widths([header, _printer.Cells(shaped, row)]);
                    await console.Out.WriteLineAsync(TextTable.Line(header, _widths));
                    _headerPrinted = true;
                }
                var cells = _printer.Cells(shaped, row);
                _widths ??= TextTable.Widths([cells]);
                await console.Out.WriteLineAsync(TextTable.Line(cells, _widths));
                break;
        }
        await console.Out.FlushAsync();
    }

    private static string? RowResourceVersion(TableRow row) => row.Object?["metadata"]?["resourceVersion"]?.GetValue<string>();
}
