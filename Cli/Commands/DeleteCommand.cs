using System.CommandLine;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Manifests;
using EventOrch.Cli.Output;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;
using EventOrch.Cli.Waiting;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl delete KIND/NAME... | KIND NAME... | KIND -l SELECTOR | KIND --all | -f FILE</c>: deletes, prints
/// <c>pod "web" deleted</c>, and (unless --wait=false) waits until each object is gone, as kubectl does.</summary>
public static class DeleteCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var resources = new Argument<string[]>("resources") { Description = "KIND/NAME ..., or KIND NAME ...", Arity = ArgumentArity.ZeroOrMore };
        var files = new Option<string[]>("--filename", "-f") { Description = "Delete the objects of these files, directories or - (standard input)" };
        var recursive = new Option<bool>("--recursive", "-R") { Description = "Also read the directories below the ones given to -f" };
        var selector = OutputOptions.Selector();
        var all = new Option<bool>("--all") { Description = "Delete every object of the kind in the namespace" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the objects are gone (--wait=false returns at once)", DefaultValueFactory = _ => true };
        var timeout = new Option<string>("--timeout") { Description = "How long to wait for the objects to go (0: no limit)", DefaultValueFactory = _ => "0" };
        var gracePeriod = new Option<int>("--grace-period")
        {
            Description = "Seconds a pod gets to stop (-1: its own terminationGracePeriodSeconds; 0 is taken as 1 unless --force is given)",
            DefaultValueFactory = _ => -1,
        };
        var now = new Option<bool>("--now") { Description = "Stop pods at once (--grace-period=1)" };
        var force = new Option<bool>("--force")
        {
            Description = "Remove the objects from the Api at once (grace period 0), without waiting for their containers to stop",
        };
        var cascade = new Option<string>("--cascade")
        {
            Description = "What happens to dependents: background (default), foreground (they go first) or orphan (they stay)",
            DefaultValueFactory = _ => "background",
        };
        cascade.AcceptOnlyFromAmong("background", "foreground", "orphan");
        var ignoreNotFound = new Option<bool>("--ignore-not-found") { Description = "An object that does not exist is no error" };
        var command = new Command("delete", "Delete objects by name, by selector, or as files describe them")
        {
            resources, files, recursive, selector, all, wait, timeout, gracePeriod, now, force, cascade, ignoreNotFound,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var grace = GracePeriodOf(result.GetValue(gracePeriod), result.GetValue(now), result.GetValue(force));
            var targets = await TargetsAsync(session, result.GetValue(resources)!, result.GetValue(files) ?? [], result.GetValue(recursive),
                result.GetValue(selector), result.GetValue(all), cancellationToken);
            if (grace == 0)
                await console.Error.WriteLineAsync(console.ErrorColors.Warn("Warning: Immediate deletion does not wait for confirmation that the running "
                    + "resource has been terminated. The resource may continue to run on the cluster indefinitely."));
            var options = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "DeleteOptions",
                ["propagationPolicy"] = result.GetValue(cascade) switch { "foreground" => "Foreground", "orphan" => "Orphan", _ => "Background" },
            };
            if (grace >= 0) options["gracePeriodSeconds"] = grace;
            return await DeleteAsync(session, targets, options, result.GetValue(ignoreNotFound), result.GetValue(wait),
                Durations.Parse(result.GetValue(timeout)!, "--timeout"), cancellationToken);
        }, cancellationToken));
        return command;
    }

    /// <summary>The grace period to send, by kubectl's rules: --now is 1; 0 without --force is 1 (against accidental
    /// loss); --force alone is 0, and with a grace period above 0 is refused. -1 sends none (the object's own).</summary>
    public static int GracePeriodOf(int gracePeriod, bool now, bool force)
    {
        if (now) gracePeriod = 1;
        if (gracePeriod == 0 && !force) gracePeriod = 1;
        if (force && gracePeriod < 0) gracePeriod = 0;
        if (force && gracePeriod > 0) throw new CliException("--force and --grace-period greater than 0 cannot be specified together");
        return gracePeriod;
    }

    private static async Task<IReadOnlyList<TargetObject>> TargetsAsync(Session session, string[] arguments, string[] files, bool recursive,
        string? selector, bool all, CancellationToken cancellationToken)
    {
        var kinds = await session.KindsAsync(cancellationToken);
        if (files.Length > 0)
        {
            if (arguments.Length > 0) throw new CliException("when -f is given, no resource arguments may be given");
            var manifests = ManifestReader.Read(files, recursive, session.Console.CurrentDirectory, () => session.Console.In, "delete");
            var placement = new Apply.Applier(session.Api, kinds, session.Namespace, session.NamespaceFlag);
            return manifests.Select(m =>
            {
                var resource = kinds.ForKind(m.ApiVersion, m.Kind);
                return new TargetObject(resource, placement.NamespaceOf(resource, m), m.Name);
            }).ToList();
        }
        if (arguments.Length == 0)
            throw new CliException("you must provide one or more resources by argument or filename: eoctl delete KIND/NAME, KIND NAME, KIND -l SELECTOR or -f FILE");
        var selections = ResourceArguments.Parse(arguments, kinds, "delete");
        var targets = new List<TargetObject>();
        foreach (var selection in selections)
        {
            var @namespace = selection.Resource.Namespaced ? session.Namespace : null;
            if (selection.Names.Count > 0)
            {
                if (selector is not null || all) throw new CliException("name cannot be provided when a selector or --all is specified");
                targets.AddRange(selection.Names.Select(n => new TargetObject(selection.Resource, @namespace, n)));
                continue;
            }
            if (selector is null && !all)
                throw new CliException("resource(s) were provided, but no name was specified: give names, a selector (-l) or --all");
            var (items, _) = await session.Api.ListObjectsAsync(selection.Resource, @namespace, selector, null, cancellationToken);
            targets.AddRange(items.Select(i => new TargetObject(selection.Resource, @namespace, i["metadata"]!["name"]!.GetValue<string>())));
        }
        if (targets.Count == 0)
            await session.Console.Error.WriteLineAsync(selections.Any(s => s.Resource.Namespaced) ? $"No resources found in {session.Namespace} namespace." : "No resources found");
        return targets;
    }

    private static async Task<int> DeleteAsync(Session session, IReadOnlyList<TargetObject> targets, JsonObject options, bool ignoreNotFound,
        bool wait, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var console = session.Console;
        var exitCode = 0;
        var deleted = new List<(TargetObject Target, string? Uid)>();
        foreach (var target in targets)
        {
            try
            {
                var answer = await session.Api.SendJsonAsync(HttpMethod.Delete, target.Resource.ItemPath(target.Namespace, target.Name),
                    options.DeepClone(), cancellationToken: cancellationToken);
                var deletedWord = options["gracePeriodSeconds"]?.GetValue<int>() == 0 ? "force deleted" : "deleted";
                await console.Out.WriteLineAsync($"{target.Resource.KindAndGroup()} \"{target.Name}\" {deletedWord}");
                var uid = answer["metadata"]?["uid"]?.GetValue<string>() ?? answer["details"]?["uid"]?.GetValue<string>();
                deleted.Add((target, uid));
            }
            catch (ApiException ex) when (ex.IsNotFound && ignoreNotFound)
            {
            }
            catch (ApiException ex)
            {
                await CommandRunner.WriteErrorAsync(console, ErrorMessages.FromStatus(ex.Status));
                exitCode = 1;
            }
        }
        await console.Out.FlushAsync(cancellationToken);
        if (!wait) return exitCode;

        foreach (var (target, uid) in deleted)
        {
            var outcome = await Waiter.WaitAsync(session.Api, new GoneCheck(session.Api, target, uid), timeout, _ => Task.CompletedTask, cancellationToken);
            if (outcome.State == ProgressState.Failed)
            {
                await CommandRunner.WriteErrorAsync(console, $"error: {outcome.Message}");
                exitCode = 1;
            }
        }
        return exitCode;
    }

    /// <summary>Done when the object is gone, or its name now belongs to another object (another uid).</summary>
    private sealed class GoneCheck(KubeApiClient api, TargetObject target, string? uid) : IReadinessCheck
    {
        public Task<IReadOnlyList<WatchTarget>> TargetsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<WatchTarget>>([new(target.Resource, target.Namespace, $"metadata.name={target.Name}")]);

        public async Task<Progress> CheckAsync(CancellationToken cancellationToken)
        {
            var live = await api.GetObjectAsync(target.Resource, target.Namespace, target.Name, cancellationToken);
            if (live is null || (uid is not null && live["metadata"]?["uid"]?.GetValue<string>() != uid)) return Progress.Done($"{target.Display} deleted");
            var finalizers = live["metadata"]?["finalizers"] is JsonArray { Count: > 0 } f ? $" (finalizers: {string.Join(", ", f.Select(x => x?.ToString()))})" : "";
            return Progress.Waiting($"waiting for {target.Resource.PluralAndGroup()}/{target.Name} to be deleted{finalizers}");
        }
    }
}
