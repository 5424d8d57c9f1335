using System.CommandLine;
using EventOrch.Cli.Terminal;
using EventOrch.Cli.Waiting;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl rollout status deploy/NAME [--watch=false] [--timeout D]</c>: kubectl's rollout status lines until the
/// rollout is done (exit 0), has failed (ProgressDeadlineExceeded, or a new pod stuck: exit 1), or the timeout passes.</summary>
public static class RolloutStatusCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var resources = new Argument<string[]>("resource") { Description = "deploy/NAME, or deploy NAME", Arity = ArgumentArity.OneOrMore };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow until the rollout ends (--watch=false: print where it stands)", DefaultValueFactory = _ => true };
        var timeout = new Option<string>("--timeout") { Description = "How long to wait (0: no limit)", DefaultValueFactory = _ => "0" };
        var command = new Command("status", "Follow a Deployment's rollout until it is done") { resources, watch, timeout };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var target = await TargetObjects.OneAsync(session, result.GetValue(resources)!, "rollout status", cancellationToken);
            if (target.Resource is not { Group: "apps", Kind: "Deployment" })
                throw new CliException($"no status viewer has been implemented for {target.Resource.Kind}: rollout status follows Deployments");
            var check = new DeploymentRollout(session.Api, await session.KindsAsync(cancellationToken), target.Namespace!, target.Name, details: false);
            var view = new ProgressView(console, showDetails: false);
            Progress outcome;
            if (result.GetValue(watch))
            {
                outcome = await Waiter.WaitAsync(session.Api, check, Durations.Parse(result.GetValue(timeout)!, "--timeout"), view.ShowAsync, cancellationToken);
            }
            else
            {
                outcome = await check.CheckAsync(cancellationToken);
                if (outcome.State != ProgressState.Failed) await view.ShowAsync(outcome);
            }
            if (outcome.State != ProgressState.Failed) return 0;
            await CommandRunner.WriteErrorAsync(console, $"error: {outcome.Message}");
            return 1;
        }, cancellationToken));
        return command;
    }
}
