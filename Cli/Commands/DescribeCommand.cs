using System.CommandLine;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Describe;
using EventOrch.Cli.Output;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl describe KIND/NAME | KIND [NAME...] [-l SELECTOR]</c>: each object's metadata, a summary for the
/// common kinds, its fields, conditions, and its Kubernetes Events when the Api serves them.</summary>
public static class DescribeCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var resources = new Argument<string[]>("resources") { Description = "KIND/NAME ..., KIND NAME ..., or KIND (every object of it)", Arity = ArgumentArity.OneOrMore };
        var selector = OutputOptions.Selector();
        var allNamespaces = OutputOptions.AllNamespaces();
        var command = new Command("describe", "Show the details of objects, with their events") { resources, selector, allNamespaces };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var kinds = await session.KindsAsync(cancellationToken);
            var exitCode = 0;
            var first = true;
            foreach (var selection in ResourceArguments.Parse(result.GetValue(resources)!, kinds, "describe"))
            {
                var resource = selection.Resource;
                var objects = new List<JsonObject>();
                if (selection.Names.Count == 0)
                {
                    var @namespace = result.GetValue(allNamespaces) ? null : session.Namespace;
                    objects.AddRange((await session.Api.ListObjectsAsync(resource, @namespace, result.GetValue(selector), null, cancellationToken)).Items);
                }
                foreach (var name in selection.Names)
                {
                    try
                    {
                        objects.Add((JsonObject)await session.Api.SendJsonAsync(HttpMethod.Get, resource.ItemPath(session.Namespace, name), cancellationToken: cancellationToken));
                    }
                    catch (ApiException ex)
                    {
                        await CommandRunner.WriteErrorAsync(console, ErrorMessages.FromStatus(ex.Status));
                        exitCode = 1;
                    }
                }
                foreach (var obj in objects)
                {
                    if (!first) await console.Out.WriteLineAsync();
                    first = false;
                    var writer = new DescribeWriter();
                    ObjectDescriber.Metadata(writer, obj);
                    await KindSummaries.WriteAsync(writer, session.Api, kinds, obj, cancellationToken);
                    ObjectDescriber.Fields(writer, obj);
                    await EventsSection.WriteAsync(writer, session.Api, kinds, obj, DateTimeOffset.UtcNow, cancellationToken);
                    await console.Out.WriteAsync(writer.ToString());
                }
            }
            return exitCode;
        }, cancellationToken));
        return command;
    }
}
