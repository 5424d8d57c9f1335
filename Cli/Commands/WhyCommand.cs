using System.CommandLine;
using System.Text.Json;
using EventOrch.Cli.Audit;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Model.Audit;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl why KIND/NAME [-n NS] [--uid UID] [--resource-version RV] [-o json|yaml]</c>: follows the causes of an
/// object's event (its first, by default) back to the request at the root (GET .../NAME/why), and says it as a
/// sentence.</summary>
public static class WhyCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var resources = AuditTargets.Object();
        var uid = AuditTargets.Uid();
        var version = new Option<string?>("--resource-version") { Description = "The event to explain, by its resourceVersion (default: the object's first)" };
        var output = new Option<string?>("--output", "-o") { Description = "json or yaml: the CausalChain as the server sent it" };
        var command = new Command("why", "Explain why an object exists or changed: its causes, back to the user's request") { resources, uid, version, output };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var answer = await AuditTargets.GetAsync(console, session, result.GetValue(resources)!, "why",
                [("uid", result.GetValue(uid)), ("resourceVersion", result.GetValue(version))], result.GetValue(output), cancellationToken);
            if (answer is not null) await console.Out.WriteAsync(CausalText.Render(answer.Deserialize<CausalChain>(KubeJson.Options)!, DateTimeOffset.UtcNow));
            return 0;
        }, cancellationToken));
        return command;
    }
}
