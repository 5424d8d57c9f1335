using System.CommandLine;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Output;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl scale KIND/NAME --replicas=N [--current-replicas=M]</c>: sets the replicas through the scale
/// subresource, as kubectl scale does; with --current-replicas, only if the object still wants M (a compare-and-swap
/// on the Scale's resourceVersion).</summary>
public static class ScaleCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var resources = new Argument<string[]>("resources") { Description = "KIND/NAME ..., or KIND NAME ...", Arity = ArgumentArity.OneOrMore };
        var replicas = new Option<int>("--replicas") { Description = "The new number of replicas", Required = true };
        var current = new Option<int>("--current-replicas")
        {
            Description = "Scale only if the object wants this many replicas now (-1: whatever it wants)",
            DefaultValueFactory = _ => -1,
        };
        var command = new Command("scale", "Set the number of replicas of a Deployment, ReplicaSet or ReplicationController") { resources, replicas, current };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var wanted = result.GetValue(replicas);
            if (wanted < 0) throw new CliException("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
            var kinds = await session.KindsAsync(cancellationToken);
            var exitCode = 0;
            foreach (var target in await TargetObjects.NamedAsync(session, result.GetValue(resources)!, "scale", cancellationToken))
            {
                if (!kinds.Serves(target.Resource, "scale"))
                    throw new CliException($"{target.Resource.PluralAndGroup()} cannot be scaled: the server serves no {target.Resource.Name}/scale subresource");
                try
                {
                    await ScaleAsync(session, target, wanted, result.GetValue(current), cancellationToken);
                    await console.Out.WriteLineAsync($"{target.Display} scaled");
                }
                catch (ApiException ex)
                {
                    await CommandRunner.WriteErrorAsync(console, ErrorMessages.FromStatus(ex.Status));
                    exitCode = 1;
                }
            }
            return exitCode;
        }, cancellationToken));
        return command;
    }

    private static async Task ScaleAsync(Session session, TargetObject target, int replicas, int currentReplicas, CancellationToken cancellationToken)
    {
        var path = target.Resource.ItemPath(target.Namespace, target.Name) + "/scale";
        if (currentReplicas < 0)
        {
            await session.Api.SendJsonAsync(HttpMethod.Patch, path, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } },
                "application/merge-patch+json", cancellationToken: cancellationToken);
            return;
        }
        var scale = (JsonObject)await session.Api.SendJsonAsync(HttpMethod.Get, path, cancellationToken: cancellationToken);
        var now = scale["spec"]?["replicas"]?.GetValue<int>() ?? 0;
        if (now != currentReplicas) throw new CliException($"Expected replicas to be {currentReplicas}, was {now}");
        // The Scale read carries its resourceVersion: the write fails with 409 if anything changed the object since.
        scale["spec"] = new JsonObject { ["replicas"] = replicas };
        await session.Api.SendJsonAsync(HttpMethod.Put, path, scale, cancellationToken: cancellationToken);
    }
}
