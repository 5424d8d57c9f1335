using System.CommandLine;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Apply;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Diffing;
using EventOrch.Contracts.Kinds;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl diff KIND/NAME --from POINT [--to POINT]</c>: the fields of one object that changed between two
/// points of the record (the second is now when left out), one line each; an object that did not exist at a point is
/// compared as empty, so a diff across its create or delete shows every field.</summary>
public static class DiffCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var resources = new Argument<string[]>("resources") { Description = "KIND/NAME, or KIND NAME", Arity = ArgumentArity.OneOrMore };
        var from = PointInTime.Option("--from", "The earlier point: an RFC 3339 time, a resourceVersion, or a duration ago (10m)");
        from.Required = true;
        var to = PointInTime.Option("--to", "The later point, in the same forms; now when left out");
        var command = new Command("diff", "Show what changed in an object between two points of its history") { resources, from, to };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var now = DateTimeOffset.UtcNow;
            var (fromPoint, toPoint) = (PointInTime.Read(result.GetValue(from), "--from", now), PointInTime.Read(result.GetValue(to), "--to", now));
            var target = await TargetObjects.OneAsync(session, result.GetValue(resources)!, "diff", cancellationToken);
            var before = await ReadAsync(session, target, fromPoint, cancellationToken);
            var after = await ReadAsync(session, target, toPoint, cancellationToken);
            if (before is null && after is null)
                throw new CliException($"{target.Display} did not exist at {fromPoint} nor at {toPoint ?? "now"}");

            var options = target.Resource is { Group: "", Kind: "Secret" } ? ObjectDiffOptions.ForKind(ResourceKind.Secret) : ObjectDiffOptions.Objects;
            var changes = ObjectDiff.Compare(before, after, KindSchemas.For(target.Resource), options);
            await console.Out.WriteLineAsync($"--- {target.Display} {Describe(before, fromPoint)}");
            await console.Out.WriteLineAsync($"+++ {target.Display} {Describe(after, toPoint)}");
            await console.Out.WriteAsync(changes.Count == 0 ? "no changes\n" : ObjectDiffText.Render(changes));
            return 0;
        }, cancellationToken));
        return command;
    }

    private static async Task<JsonObject?> ReadAsync(Session session, TargetObject target, string? point, CancellationToken cancellationToken)
    {
        try
        {
            return (JsonObject)await session.Api.SendJsonAsync(HttpMethod.Get,
                target.Resource.ItemPath(target.Namespace, target.Name) + ObjectCalls.AsOfQuery(point), cancellationToken: cancellationToken);
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    private static string Describe(JsonObject? state, string? point)
    {
        var when = point is null ? "now" : $"as of {point}";
        return state is null ? $"{when} (did not exist)" : $"{when} (resourceVersion {state["metadata"]?["resourceVersion"]?.GetValue<string>()})";
    }
}
