using System.CommandLine;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Apply;
using EventOrch.Cli.Manifests;
using EventOrch.Cli.Output;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;
using EventOrch.Cli.Waiting;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl apply -f FILE|DIR|- [-R] [--wait [--timeout 5m]]</c>: creates or updates each object of the
/// manifests (client-side apply, <see cref="Applier"/>), printing <c>deployment.apps/web created|configured|unchanged</c>,
/// and with --wait follows each until it is ready or cannot become so (after a failure, the objects after it are
/// looked at once rather than waited for).</summary>
public static class ApplyCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = "Files, directories or - (standard input) holding the objects to apply (YAML, several documents allowed, or JSON)",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var recursive = new Option<bool>("--recursive", "-R") { Description = "Also read the directories below the ones given to -f" };
        var wait = new Option<bool>("--wait") { Description = "Follow each object until it is ready (rollout done, pods Ready, endpoints up), or say why it cannot be" };
        var timeout = new Option<string>("--timeout") { Description = "How long --wait waits in all (0: no limit)", DefaultValueFactory = _ => "5m" };
        var command = new Command("apply", "Create or update objects from files, as kubectl apply does") { files, recursive, wait, timeout };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), session =>
            RunAsync(session, result.GetValue(files)!, result.GetValue(recursive), result.GetValue(wait),
                Durations.Parse(result.GetValue(timeout)!, "--timeout"), cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Session session, string[] files, bool recursive, bool wait, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var console = session.Console;
        var manifests = ManifestReader.Read(files, recursive, console.CurrentDirectory, () => console.In, "apply");
        var kinds = await session.KindsAsync(cancellationToken);
        var applier = new Applier(session.Api, kinds, session.Namespace, session.NamespaceFlag);
        var exitCode = 0;
        var applied = new List<ApplyResult>();
        foreach (var manifest in manifests)
        {
            try
            {
                var result = await applier.ApplyAsync(manifest, cancellationToken);
                if (result.Warning is not null) await console.Error.WriteLineAsync(console.ErrorColors.Warn($"Warning: {result.Warning}"));
                await console.Out.WriteLineAsync($"{result.Resource.ObjectName(result.Name)} {Outcome(console.OutColors, result.Outcome)}");
                applied.Add(result);
            }
            catch (ApiException ex)
            {
                await CommandRunner.WriteErrorAsync(console, ErrorMessages.FromStatus(ex.Status, $"error when applying \"{manifest.Source}\""));
                exitCode = 1;
            }
            catch (CliException ex)
            {
                await CommandRunner.WriteErrorAsync(console, $"error: {ex.Message}");
                exitCode = 1;
            }
        }
        if (!wait) return exitCode;

        var started = DateTimeOffset.UtcNow;
        var failed = false;
        foreach (var result in applied)
        {
            if (ReadinessChecks.For(session.Api, kinds, result.Resource, result.Namespace, result.Name) is not { } check) continue;
            var objectName = result.Resource.ObjectName(result.Name);
            var view = new ProgressView(console, objectName);
            Progress outcome;
            if (failed)
            {
                // One wait has failed already: the others are looked at once, not waited for.
                outcome = await check.CheckAsync(cancellationToken);
                if (outcome.State == ProgressState.Waiting)
                    outcome = Progress.Failed($"not waited for after the failure above: {outcome.Message}", outcome.Details);
                await view.ShowAsync(outcome);
            }
            else
            {
                var left = timeout > TimeSpan.Zero ? timeout - (DateTimeOffset.UtcNow - started) : TimeSpan.Zero;
                if (timeout > TimeSpan.Zero && left <= TimeSpan.Zero) left = TimeSpan.FromMilliseconds(1);
                outcome = await Waiter.WaitAsync(session.Api, check, left, view.ShowAsync, cancellationToken);
            }
            if (outcome.State == ProgressState.Failed)
            {
                await CommandRunner.WriteErrorAsync(console, $"error: {objectName}: {outcome.Message}");
                exitCode = 1;
                failed = true;
            }
        }
        return exitCode;
    }

    private static string Outcome(Palette colors, ApplyOutcome outcome) => outcome switch
    {
        ApplyOutcome.Created => colors.Good("created"),
        ApplyOutcome.Configured => colors.Warn("configured"),
        _ => colors.Dim("unchanged"),
    };
}
