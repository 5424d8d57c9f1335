using EventOrch.Contracts.Formatting;
using EventOrch.Contracts.Model;

namespace EventOrch.Cli.Waiting;

/// <summary>How a pod is doing, in the words of kubectl's STATUS column, and whether it is stuck in a way that waiting
/// will not fix (an image that cannot be pulled, a container that keeps crashing, a configuration it cannot start with).</summary>
public static class PodStatusText
{
    /// <summary>Waiting reasons that end a wait at once.</summary>
    public static readonly IReadOnlySet<string> StuckReasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError",
    };

    /// <summary>'pod "web-1": container "main": ImagePullBackOff: Back-off pulling image "x"', or null when nothing is stuck.</summary>
    public static string? Stuck(Pod pod)
    {
        foreach (var status in (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []))
        {
            if (status.State?.Waiting is { Reason: { } reason } waiting && StuckReasons.Contains(reason))
            {
                var message = string.IsNullOrEmpty(waiting.Message) ? "" : $": {waiting.Message}";
                var exit = reason == "CrashLoopBackOff" && status.LastState?.Terminated is { } last
                    ? $" (last exit code {last.ExitCode}{(string.IsNullOrEmpty(last.Reason) ? "" : ", " + last.Reason)}, {status.RestartCount} restarts)"
                    : "";
                return $"pod \"{pod.Metadata.Name}\": container \"{status.Name}\": {reason}{message}{exit}";
            }
        }
        return null;
    }

    /// <summary>Running, Pending, ContainerCreating, CrashLoopBackOff, Completed, Terminating, ... as kubectl get pods (and
    /// the Api's table) shows it.</summary>
    public static string Status(Pod pod) => PodStatusColumn.Summarise(pod).Reason;

    public static bool IsReady(Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>"web-5d8f-x2k: Running, 1/1 ready" (STATUS and READY as kubectl get pods shows them), and why it is not
    /// scheduled yet when it is not.</summary>
    public static string Line(Pod pod)
    {
        var summary = PodStatusColumn.Summarise(pod);
        var line = $"{pod.Metadata.Name}: {summary.Reason}, {summary.Ready}/{summary.Total} ready";
        if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled") is { Status: "False", Message: { Length: > 0 } why })
            line += $" ({why})";
        return line;
    }
}
