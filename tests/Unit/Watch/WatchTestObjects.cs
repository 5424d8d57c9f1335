using EventOrch.Api.Resources;
using EventOrch.Api.Watch;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Watch;

/// <summary>Pods and their events as the watch cache sees them.</summary>
internal static class WatchTestObjects
{
    public static readonly WatchedKind<Pod> Pods = new(new PodDefinition());

    public static Pod Pod(string name, string @namespace = "default", Dictionary<string, string>? labels = null, string uid = "") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = @namespace, Uid = uid.Length > 0 ? uid : $"uid-{name}", Labels = labels },
        Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "busybox" }] },
    };

    public static EventPosition At(long sequence, long version) => new(sequence, version, DateTimeOffset.UnixEpoch);

    public static PodMetadataChanged Relabelled(Pod pod, Dictionary<string, string> labels) =>
        new(pod.Metadata.Uid!, pod.Metadata.Namespace!, pod.Metadata.Name!, new MetadataChanges { Labels = labels });

    public static PodDeleted Deleted(Pod pod) => new(pod.Metadata.Uid!, pod.Metadata.Namespace!, pod.Metadata.Name!);

    public static ObjectChange Change(long resourceVersion, Pod? before, Pod? after) => new(resourceVersion, typeof(Pod), before, after);
}
