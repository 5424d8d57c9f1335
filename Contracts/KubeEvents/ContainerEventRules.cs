using EventOrch.Contracts.Model;
using static EventOrch.Contracts.KubeEvents.EventReferences;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>The kubelet's (here the node agent's) container events, read off the difference between a bound pod's
/// status before and after the agent's write: a new container instance was Created and Started; a container waiting
/// for a crash-loop or an image pull back-off, or failing to be made, is BackOff or Failed; a running container that
/// stopped being ready failed its readiness probe (Unhealthy).</summary>
internal static class ContainerEventRules
{
    // The agent's waiting reasons (Kubernetes' own).
    private const string CrashLoopBackOff = "CrashLoopBackOff";
    private const string ErrImagePull = "ErrImagePull";
    private const string ImagePullBackOff = "ImagePullBackOff";
    private const string ErrImageNeverPull = "ErrImageNeverPull";
    private const string CreateContainerError = "CreateContainerError";
    private const string CreateContainerConfigError = "CreateContainerConfigError";
    private const string CreatePodSandboxError = "CreatePodSandboxError";

    public static IEnumerable<EventDraft> For(RecordedEvent e, Pod before, PodStatus after)
    {
        var node = before.Spec.NodeName!;
        var drafts = new List<EventDraft>();
        // The sandbox failing fails every container the same way: one pod-level event.
        var sandbox = Statuses(after, before.Spec).FirstOrDefault(c => c.Status?.State?.Waiting?.Reason == CreatePodSandboxError).Status;
        if (sandbox is not null
            && !Statuses(before.Status, before.Spec).Any(c => c.Status?.State?.Waiting is { Reason: CreatePodSandboxError } w && w.Message == sandbox.State!.Waiting!.Message))
        {
            drafts.Add(EventDraft.Warning(To(before, e), EventReasons.FailedCreatePodSandBox,
                $"Failed to create pod sandbox: {sandbox.State!.Waiting!.Message}", EventComponents.Kubelet, node));
        }
        var was = Statuses(before.Status, before.Spec).ToDictionary(c => (c.Spec.Name, c.Init), c => c.Status);
        foreach (var (spec, init, now) in Statuses(after, before.Spec))
        {
            if (now is null) continue;
            var old = was.GetValueOrDefault((spec.Name, init));
            var regarding = To(before, e, ContainerPath(spec.Name, init));
            drafts.AddRange(ForContainer(before, spec, old, now, regarding, node));
        }
        return drafts;
    }

    private static IEnumerable<EventDraft> ForContainer(Pod pod, Container spec, ContainerStatus? old, ContainerStatus now, ObjectReference regarding, string node)
    {
        var name = spec.Name;
        // A new instance: its id is new (it may have started and ended between two writes).
        if (!string.IsNullOrEmpty(now.ContainerID) && now.ContainerID != old?.ContainerID)
        {
            yield return Kubelet(regarding, EventTypes.Normal, EventReasons.Created, $"Created container: {name}", node);
            yield return Kubelet(regarding, EventTypes.Normal, EventReasons.Started, $"Started container {name}", node);
        }

        var waiting = now.State?.Waiting;
        var wasWaiting = old?.State?.Waiting;
        var newReason = waiting?.Reason != wasWaiting?.Reason;
        var newMessage = newReason || waiting?.Message != wasWaiting?.Message;
        var image = spec.Image ?? now.Image ?? "";
        switch (waiting?.Reason)
        {
            // One back-off per restart: the agent rewrites the remaining time, which is not news.
            case CrashLoopBackOff when newReason || now.RestartCount != old?.RestartCount || now.ContainerID != old?.ContainerID:
                yield return Kubelet(regarding, EventTypes.Warning, EventReasons.BackOff,
                    $"Back-off restarting failed container {name} in pod {pod.Metadata.Name}_{pod.Metadata.Namespace}({pod.Metadata.Uid})", node);
                break;
            case ErrImagePull when newMessage:
                yield return Kubelet(regarding, EventTypes.Warning, EventReasons.Failed, $"Failed to pull image \"{image}\": {waiting!.Message}", node);
                yield return Kubelet(regarding, EventTypes.Warning, EventReasons.Failed, $"Error: {ErrImagePull}", node);
                break;
            case ImagePullBackOff when newReason:
                yield return Kubelet(regarding, EventTypes.Normal, EventReasons.BackOff, $"Back-off pulling image \"{image}\"", node);
                yield return Kubelet(regarding, EventTypes.Warning, EventReasons.Failed, $"Error: {ImagePullBackOff}", node);
                break;
            case ErrImageNeverPull when newMessage:
                yield return Kubelet(regarding, EventTypes.Warning, EventReasons.ErrImageNeverPull,
                    waiting!.Message ?? $"Container image \"{image}\" is not present with pull policy of Never", node);
                yield return Kubelet(regarding, EventTypes.Warning, EventReasons.Failed, $"Error: {ErrImageNeverPull}", node);
                break;
            case CreateContainerError or CreateContainerConfigError when newMessage:
                yield return Kubelet(regarding, EventTypes.Warning, EventReasons.Failed, $"Error: {waiting!.Message ?? waiting.Reason}", node);
                break;
        }

        // Ready lost while the same instance keeps running: its readiness probe failed (the agent keeps no output).
        if (old is { Ready: true } && !now.Ready && now.State?.Running is not null && now.ContainerID == old.ContainerID && spec.ReadinessProbe is not null)
            yield return Kubelet(regarding, EventTypes.Warning, EventReasons.Unhealthy, "Readiness probe failed", node);
    }

    private static EventDraft Kubelet(ObjectReference regarding, string type, string reason, string message, string node) =>
        new(regarding, reason, message, type, EventComponents.Kubelet, node);

    // Each spec container (init containers first) with its status in this pod status, if it has one.
    private static IEnumerable<(Container Spec, bool Init, ContainerStatus? Status)> Statuses(PodStatus? status, PodSpec spec) =>
        (spec.InitContainers ?? []).Select(c => (c, true, status?.InitContainerStatuses?.FirstOrDefault(s => s.Name == c.Name)))
            .Concat(spec.Containers.Select(c => (c, false, status?.ContainerStatuses?.FirstOrDefault(s => s.Name == c.Name))));
}
