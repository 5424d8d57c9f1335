using System.CommandLine;
using System.Text.Json;
using EventOrch.Cli.Audit;
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
        var resources = AuditTargets.Object();
        var uid = AuditTargets.Uid();
        var full = new Option<bool>("--full") { Description = "List every field a create set, not only how many" };
        var output = new Option<string?>("--output", "-o") { Description = "json or yaml: the ObjectHistory as the server sent it" };
        var command = new Command("history", "Show every change to an object: when, by whom, which request, which cause, which fields")
        {
            resources, uid, full, output,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var answer = await AuditTargets.GetAsync(console, session, result.GetValue(resources)!, "history", [("uid", result.GetValue(uid))],
                result.GetValue(output), cancellationToken);
            if (answer is not null) await console.Out.WriteAsync(HistoryText.Render(answer.Deserialize<ObjectHistory>(KubeJson.Options)!, result.GetValue(full)));
            return 0;
        }, cancellationToken));
        return command;
    }
}
