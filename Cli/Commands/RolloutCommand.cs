using System.CommandLine;
using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl rollout status|undo</c>: a Deployment's rollouts.</summary>
public static class RolloutCommand
{
    public static Command Create(CliConsole console, GlobalOptions global) =>
        new("rollout", "Follow or undo a Deployment's rollout")
        {
            RolloutStatusCommand.Create(console, global),
            RolloutUndoCommand.Create(console, global),
        };
}
