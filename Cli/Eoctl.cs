using System.CommandLine;
using EventOrch.Cli.Commands;
using EventOrch.Cli.Terminal;

namespace EventOrch.Cli;

/// <summary>eoctl, EventOrch's own command-line client: kubectl's everyday commands against the repository's cluster.</summary>
public static class Eoctl
{
    public static RootCommand Build(CliConsole console)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("eoctl controls an EventOrch cluster: apply manifests, get and describe objects, follow rollouts, read logs, and read the record: history, audit, why, get --as-of, diff.");
        global.AddTo(root);
        root.Subcommands.Add(ApplyCommand.Create(console, global));
        root.Subcommands.Add(GetCommand.Create(console, global));
        root.Subcommands.Add(DescribeCommand.Create(console, global));
        root.Subcommands.Add(DeleteCommand.Create(console, global));
        root.Subcommands.Add(ScaleCommand.Create(console, global));
        root.Subcommands.Add(DiffCommand.Create(console, global));
        root.Subcommands.Add(LogsCommand.Create(console, global));
        root.Subcommands.Add(RolloutCommand.Create(console, global));
        root.Subcommands.Add(HistoryCommand.Create(console, global));
        root.Subcommands.Add(AuditCommand.Create(console, global));
        root.Subcommands.Add(WhyCommand.Create(console, global));
        root.Subcommands.Add(WebhooksCommand.Create(console, global));
        root.Subcommands.Add(ReplayCommand.Create(console, global));
        root.Subcommands.Add(Identity.UsersCommand.Create(console, TimeProvider.System));
        root.Subcommands.Add(Identity.TokensCommand.Create(console, TimeProvider.System));
        return root;
    }

    /// <summary>Parses and runs one command line; the exit code is 0 on success, 1 on any error.</summary>
    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var result = Build(console).Parse(args);
        return result.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
    }
}
