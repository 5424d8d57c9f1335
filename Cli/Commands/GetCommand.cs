using System.CommandLine;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Output;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;
using EventOrch.Cli.Waiting;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl get KIND[,KIND] [NAME...] | KIND/NAME... [-o wide|yaml|json|name] [-n NS | -A] [-l SELECTOR] [-w] [--as-of POINT]</c>:
/// the server's table of the objects (its columns when it makes Tables, NAME and AGE otherwise), or the objects; with
/// --as-of, as they were at that point of the record, deleted ones too.</summary>
public static class GetCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var resources = new Argument<string[]>("resources") { Description = "KIND [NAME...], KIND/NAME ..., or KIND,KIND", Arity = ArgumentArity.OneOrMore };
        var output = OutputOptions.Output();
        var allNamespaces = OutputOptions.AllNamespaces();
        var selector = OutputOptions.Selector();
        var watch = new Option<bool>("--watch", "-w") { Description = "After listing, print each change as it happens (Ctrl-C to stop)" };
        var noHeaders = new Option<bool>("--no-headers") { Description = "Leave out the header line of tables" };
        var asOf = PointInTime.Option("--as-of", "Show the objects as they were at this point: an RFC 3339 time, a resourceVersion, or a duration ago (10m)");
        var command = new Command("get", "Display one or many objects") { resources, output, allNamespaces, selector, watch, noHeaders, asOf };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), session =>
            new Run(session, OutputFormats.Parse(result.GetValue(output)), result.GetValue(allNamespaces), result.GetValue(selector),
                result.GetValue(noHeaders), PointInTime.Read(result.GetValue(asOf), "--as-of", DateTimeOffset.UtcNow))
                .ExecuteAsync(result.GetValue(resources)!, result.GetValue(watch), cancellationToken), cancellationToken));
        return command;
    }

    private sealed class Run(Session session, OutputFormat format, bool allNamespaces, string? selector, bool noHeaders, string? asOf)
    {
        private readonly CliConsole _console = session.Console;
        private string? Namespace => allNamespaces ? null : session.Namespace;

        public async Task<int> ExecuteAsync(string[] arguments, bool watch, CancellationToken cancellationToken)
        {
            var kinds = await session.KindsAsync(cancellationToken);
            var selections = ResourceArguments.Parse(arguments, kinds, "get");
            if (watch && asOf is not null) throw new CliException("--as-of cannot be used with --watch: the past does not change");
            if (watch && (selections.Count != 1 || selections[0].Names.Count > 1))
                throw new CliException("you may only specify a single resource type and at most one name to watch");
            var exitCode = 0;
            var tables = new List<(ResourceSelection Selection, ObjectTable Table)>();
            var objects = new List<JsonObject>();
            string? listedVersion = null;
            var singleObject = selections.Count == 1 && selections[0].Names.Count == 1;
            foreach (var selection in selections)
            {
                var resource = selection.Resource;
                if (selection.Names.Count == 0)
                {
                    if (format is OutputFormat.Table or OutputFormat.Wide)
                        tables.Add((selection, await session.Api.ListTableAsync(resource, Namespace, selector, null, asOf, DateTimeOffset.UtcNow, cancellationToken)));
                    else
                    {
                        var (items, version) = await session.Api.ListObjectsAsync(resource, Namespace, selector, null, asOf, cancellationToken);
                        objects.AddRange(items);
                        listedVersion = version;
                    }
                    continue;
                }
                var rows = new List<TableRow>();
                ObjectTable? first = null;
                foreach (var name in selection.Names)
                {
                    try
                    {
                        if (format is OutputFormat.Table or OutputFormat.Wide)
                        {
                            var table = await session.Api.GetTableAsync(resource, session.Namespace, name, asOf, DateTimeOffset.UtcNow, cancellationToken);
                            first ??= table;
                            rows.AddRange(table.Rows);
                        }
                        else
                        {
                            objects.Add((JsonObject)await session.Api.SendJsonAsync(HttpMethod.Get, resource.ItemPath(session.Namespace, name) + ObjectCalls.AsOfQuery(asOf),
                                cancellationToken: cancellationToken));
                        }
                    }
                    catch (ApiException ex)
                    {
                        await CommandRunner.WriteErrorAsync(_console, ErrorMessages.FromStatus(ex.Status));
                        exitCode = 1;
                    }
                }
                if (first is not null) tables.Add((selection, first with { Rows = rows }));
            }

            var printed = format switch
            {
                OutputFormat.Table or OutputFormat.Wide => await PrintTablesAsync(tables, selections.Count > 1),
                OutputFormat.Name => await PrintNamesAsync(objects, kinds),
                _ => await PrintObjectsAsync(objects, singleObject),
            };
            if (!printed && exitCode == 0 && !watch)
            {
                await _console.Error.WriteLineAsync(selections.Any(s => s.Resource.Namespaced) && Namespace is not null
                    ? $"No resources found in {Namespace} namespace."
                    : "No resources found");
            }
            if (!watch) return exitCode;

            var watched = selections[0];
            var initial = tables.Count > 0
                ? tables[0].Table
                : ObjectTable.FromObjects(objects, DateTimeOffset.UtcNow, listedVersion ?? objects.FirstOrDefault()?["metadata"]?["resourceVersion"]?.GetValue<string>());
            var watchNamespace = watched.Names.Count > 0 ? session.Namespace : Namespace;
            var follower = new WatchPrinter(session.Api, _console, watched.Resource, watched.Resource.Namespaced ? watchNamespace : null,
                watched.Names.FirstOrDefault(), selector, format, Layout(allNamespaces && watched.Resource.Namespaced, null), initial);
            await follower.FollowAsync(cancellationToken);
            return exitCode;
        }

        private TableLayout Layout(bool withNamespace, string? kindPrefix) =>
            new(format == OutputFormat.Wide, withNamespace, kindPrefix, noHeaders);

        private async Task<bool> PrintTablesAsync(List<(ResourceSelection Selection, ObjectTable Table)> tables, bool severalKinds)
        {
            var any = false;
            foreach (var (selection, table) in tables)
            {
                if (table.Rows.Count == 0) continue;
                if (any) await _console.Out.WriteLineAsync();
                var printer = new TablePrinter(_console.OutColors,
                    Layout(allNamespaces && selection.Resource.Namespaced, severalKinds ? selection.Resource.KindAndGroup() : null));
                foreach (var line in printer.Render(table, out _)) await _console.Out.WriteLineAsync(line);
                any = true;
            }
            return any;
        }

        private async Task<bool> PrintNamesAsync(List<JsonObject> objects, KindCatalog kinds)
        {
            foreach (var obj in objects)
            {
                var resource = kinds.ForKind(obj["apiVersion"]!.GetValue<string>(), obj["kind"]!.GetValue<string>());
                await _console.Out.WriteLineAsync(resource.ObjectName(obj["metadata"]!["name"]!.GetValue<string>()));
            }
            return objects.Count > 0;
        }

        private async Task<bool> PrintObjectsAsync(List<JsonObject> objects, bool singleObject)
        {
            // kubectl prints an empty List for no objects in yaml and json too.
            await _console.Out.WriteAsync(ObjectPrinter.Format(ObjectPrinter.Document(objects, singleObject), format));
            return true;
        }
    }
}
