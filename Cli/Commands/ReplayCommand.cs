using System.CommandLine;
using System.Text.Json;
using EventOrch.Cli.Output;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl replay [--verify] [--keep-schema] [--max-differences N] [-o yaml|json]</c>: asks the Api to rebuild
/// every projection from the event record into a fresh schema (and, with --verify, to compare it with the live state
/// object by object), then prints the report. Exit code 0 when equal (or not verified), 2 when differences were found,
/// 1 when the replay could not run.</summary>
public static class ReplayCommand
{
    public const int DifferencesFound = 2;

    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var verify = new Option<bool>("--verify") { Description = "Compare the rebuilt state with the live state, object by object" };
        var keep = new Option<bool>("--keep-schema") { Description = "Keep the schema the replay rebuilt into (it is dropped otherwise)" };
        var max = new Option<int?>("--max-differences") { Description = "List at most this many differences (all are counted; default 1000)" };
        var output = new Option<string?>("--output", "-o") { Description = "Print the whole Replay object: yaml or json" };
        var command = new Command("replay", "Rebuild every projection from the event record into a new schema, and with --verify prove it equal to the live state")
        {
            verify, keep, max, output,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var format = OutputOptions.JsonOrYaml(result.GetValue(output));
            var request = new Replay { Spec = new ReplaySpec { Verify = result.GetValue(verify), KeepSchema = result.GetValue(keep), MaxDifferences = result.GetValue(max) } };
            var replay = await session.Api.CreateAsync(ResourceKind.Replay, request, cancellationToken);
            if (format is { } chosen)
                await console.Out.WriteAsync(ObjectPrinter.Format(JsonSerializer.SerializeToNode(replay, KubeJson.Options)!, chosen));
            else
                foreach (var line in ReplayReport.Lines(replay, console.OutColors)) await console.Out.WriteLineAsync(line);
            return replay.Status?.Equal == false ? DifferencesFound : 0;
        }, cancellationToken));
        return command;
    }
}
