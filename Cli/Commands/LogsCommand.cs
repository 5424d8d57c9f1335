using System.CommandLine;
using System.Text.Json;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl logs POD|KIND/NAME [-c CONTAINER] [-f] [--tail N] [-p] [--timestamps]</c>: a container's log, read
/// through the Api (GET .../pods/NAME/log), followed as it grows with -f. For a workload, one of its pods' (the
/// oldest running one), as kubectl picks it.</summary>
public static class LogsCommand
{
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var target = new Argument<string>("pod") { Description = "POD, pod/NAME, or a workload (deploy/NAME, rs/NAME) to read one of its pods" };
        var container = new Option<string?>("--container", "-c") { Description = "The container (default: the pod's only one)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing as the log grows (Ctrl-C to stop)" };
        var tail = new Option<int>("--tail") { Description = "Only the last N lines (-1: all)", DefaultValueFactory = _ => -1 };
        var previous = new Option<bool>("--previous", "-p") { Description = "The previous instance of the container, after a restart" };
        var timestamps = new Option<bool>("--timestamps") { Description = "Begin each line with its RFC 3339 timestamp" };
        var command = new Command("logs", "Print the log of a container in a pod") { target, container, follow, tail, previous, timestamps };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var pod = await PodNameAsync(session, result.GetValue(target)!, cancellationToken);
            var query = new List<string>();
            if (result.GetValue(container) is { Length: > 0 } c) query.Add($"container={Uri.EscapeDataString(c)}");
            if (result.GetValue(follow)) query.Add("follow=true");
            if (result.GetValue(tail) is var lines and >= 0) query.Add($"tailLines={lines}");
            if (result.GetValue(previous)) query.Add("previous=true");
            if (result.GetValue(timestamps)) query.Add("timestamps=true");
            var path = KubeApiClient.ItemPath(ResourceKind.Pod, session.Namespace, pod) + "/log" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
            using var response = await session.Api.OpenStreamAsync(path, cancellationToken: cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream);
            var buffer = new char[8192];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await console.Out.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await console.Out.FlushAsync(cancellationToken);
            }
            return 0;
        }, cancellationToken));
        return command;
    }

    private static async Task<string> PodNameAsync(Session session, string argument, CancellationToken cancellationToken)
    {
        var slash = argument.IndexOf('/');
        if (slash < 0) return argument;
        var kinds = await session.KindsAsync(cancellationToken);
        var resource = kinds.Resolve(argument[..slash]);
        var name = argument[(slash + 1)..];
        if (resource.Group.Length == 0 && resource.Kind == "Pod") return name;
        var owner = await session.Api.GetObjectAsync(resource, session.Namespace, name, cancellationToken)
            ?? throw new ApiException(new Status
            {
                Code = 404, Reason = StatusReasons.NotFound, Message = $"{resource.PluralAndGroup()} \"{name}\" not found",
            });
        var selector = WorkloadSelector.Of(owner)
            ?? throw new CliException($"cannot get the logs of {resource.ObjectName(name)}: it has no pod selector");
        var (pods, _) = await session.Api.ListObjectsAsync(kinds.ForKind("v1", "Pod"), session.Namespace, selector.ToString(), null, cancellationToken);
        var chosen = pods.Select(p => p.Deserialize<Pod>(KubeJson.Options)!)
            .OrderBy(p => p.Status?.Phase == PodPhases.Running ? 0 : 1)
            .ThenBy(p => p.Metadata.CreationTimestamp)
            .FirstOrDefault() ?? throw new CliException($"no pods of {resource.ObjectName(name)} exist");
        if (pods.Count > 1) await session.Console.Error.WriteLineAsync($"Found {pods.Count} pods, using pod/{chosen.Metadata.Name}");
        return chosen.Metadata.Name!;
    }
}
