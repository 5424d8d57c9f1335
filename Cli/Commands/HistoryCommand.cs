using System.CommandLine;
using System.Text.Json;
using EventOrch.Cli.Audit;
using EventOrch.Cli.Output;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Model.Audit;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl history KIND/NAME [-n NS] [--uid UID] [--full] [-o json|yaml]</c>: every event of an object, oldest
/// first, with who, when, the request, the cause and the fields changed (GET .../NAME/history); works for objects
/// deleted since, and --uid chooses among the objects that held the name.</summary>
public static class HistoryCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var resources = new Argument<string[]>("object") { Description = "KIND/NAME, or KIND NAME", Arity = new ArgumentArity(1, 2) };
        var uid = new Option<string?>("--uid") { Description = "Which of the objects that held the name (default: the live one, else the newest)" };
        var full = new Option<bool>("--full") { Description = "List every field a create set, not only how many" };
        var output = new Option<string?>("--output", "-o") { Description = "json or yaml: the ObjectHistory as the server sent it" };
        var command = new Command("history", "Show every change to an object: when, by whom, which request, which cause, which fields")
        {
            resources, uid, full, output,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var format = OutputOptions.JsonOrYaml(result.GetValue(output));
            var (_, path) = await AuditTargets.SubresourceAsync(session, result.GetValue(resources)!, "history", [("uid", result.GetValue(uid))], cancellationToken);
            var answer = await session.Api.SendJsonAsync(HttpMethod.Get, path, cancellationToken: cancellationToken);
            if (format is { } chosen)
            {
                await console.Out.WriteAsync(ObjectPrinter.Format(answer, chosen));
                return 0;
            }
            var history = answer.Deserialize<ObjectHistory>(KubeJson.Options)!;
            await console.Out.WriteAsync(HistoryText.Render(history, result.GetValue(full)));
            return 0;
        }, cancellationToken));
        return command;
    }
}
