using System.Globalization;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;
using EventOrch.NodeAgent.ConfigSources;
using EventOrch.NodeAgent.Runtime;
using EventOrch.NodeAgent.Volumes;

namespace EventOrch.NodeAgent.Pods;

/// <summary>How a pod maps onto runtime containers: names, labels, published ports, mounts, environment and limits.</summary>
public static class PodContainers
{
    /// <summary>On a sandbox: its published ports, "containerPort/PROTOCOL=hostPort,..." (read back after a restart).</summary>
    public const string PortsLabel = "io.eventorch.ports";

    public static string Uid8(Pod pod) => pod.Metadata.Uid![..8];

    public static string SandboxName(string node, Pod pod) => $"eo_{node}_{pod.Metadata.Namespace}_{pod.Metadata.Name}_{Uid8(pod)}_sandbox";

    public static string ContainerName(string node, Pod pod, string container, int attempt) =>
        $"eo_{node}_{pod.Metadata.Namespace}_{pod.Metadata.Name}_{Uid8(pod)}_{container}_{attempt}";

    public static Dictionary<string, string> Labels(string node, Pod pod, string role, string? container = null, int? attempt = null)
    {
        var labels = new Dictionary<string, string>
        {
            [RuntimeLabels.Node] = node,
            [RuntimeLabels.Namespace] = pod.Metadata.Namespace!,
            [RuntimeLabels.PodName] = pod.Metadata.Name!,
            [RuntimeLabels.PodUid] = pod.Metadata.Uid!,
            [RuntimeLabels.Role] = role,
        };
        if (container is not null) labels[RuntimeLabels.Container] = container;
        if (attempt is not null) labels[RuntimeLabels.Attempt] = attempt.Value.ToString(CultureInfo.InvariantCulture);
        return labels;
    }

    public static int Attempt(RuntimeContainer container) =>
        int.TryParse(container.Labels.GetValueOrDefault(RuntimeLabels.Attempt), NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;

    /// <summary>Every port the pod's sandbox publishes: declared container ports, and probe ports the agent must reach.</summary>
    public static IEnumerable<(int ContainerPort, string Protocol, int? HostPort)> WantedPorts(Pod pod)
    {
        var seen = new HashSet<(int, string)>();
        foreach (var container in pod.Spec.Containers)
        {
            foreach (var port in container.Ports ?? [])
            {
                var protocol = port.Protocol ?? "TCP";
                if (seen.Add((port.Number, protocol))) yield return (port.Number, protocol, port.HostPort is > 0 ? port.HostPort : null);
            }
            foreach (var probe in new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe })
            {
                var target = probe?.HttpGet?.Port ?? probe?.TcpSocket?.Port;
                if (target is { } t && Prober.PortNumber(t, container) is { } number && seen.Add((number, "TCP")))
                    yield return (number, "TCP", null);
            }
        }
    }

    public static string FormatPorts(IEnumerable<PortMapping> ports) =>
        string.Join(",", ports.Select(p => $"{p.ContainerPort}/{p.Protocol}={p.HostPort}"));

    public static List<PortMapping> ParsePorts(string? label, string address)
    {
        var ports = new List<PortMapping>();
        foreach (var entry in (label ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (left, host) = (entry.Split('=')[0], entry.Split('=')[1]);
            var (port, protocol) = (left.Split('/')[0], left.Split('/')[1]);
            ports.Add(new PortMapping(int.Parse(port, CultureInfo.InvariantCulture), int.Parse(host, CultureInfo.InvariantCulture), address, protocol));
        }
        return ports;
    }

    /// <summary>The runtime spec of one container of the pod, with the environment it was resolved to, and the
    /// ServiceAccount token directory mounted read-only when <paramref name="serviceAccountDirectory"/> is given (unless the
    /// container mounts something else at that path, as Kubernetes' admission leaves such a container alone).</summary>
    /// <exception cref="SubPathException">A mount's subPath cannot be used (it leads out of its volume, or cannot be made).</exception>
    public static ContainerSpec Spec(string node, Pod pod, Container container, int attempt, string sandboxId, string volumeRoot,
        IReadOnlyDictionary<string, string> env, string? serviceAccountDirectory = null, IReadOnlyDictionary<string, ResolvedVolume>? volumes = null)
    {
        var mounts = new List<Mount>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = pod.Spec.Volumes?.FirstOrDefault(v => v.Name == mount.Name);
            var resolved = volumes?.GetValueOrDefault(mount.Name);
            var source = resolved?.HostPath ?? volume?.HostPath?.Path ?? ConfigVolumes.PathOf(volumeRoot, mount.Name);
            // A configMap or secret volume is the agent's to write and always read-only; through subPath the engine binds
            // the one file it resolves to now, so that mount keeps it (Kubernetes' subPath does not follow updates either).
            var projected = volume?.ConfigMap is not null || volume?.Secret is not null;
            if (volume?.HostPath is null && volume?.PersistentVolumeClaim is null && !projected) Directory.CreateDirectory(source);
            if (!string.IsNullOrEmpty(mount.SubPath))
            {
                var (path, error) = SubPaths.Resolve(source, mount.SubPath, mount.Name, container.Name, create: !projected);
                source = path ?? throw new SubPathException(error!);
            }
            mounts.Add(new Mount(source, mount.MountPath, projected || mount.ReadOnly == true || resolved?.ReadOnly == true));
        }
        if (serviceAccountDirectory is not null && (container.VolumeMounts ?? []).All(m => m.MountPath.TrimEnd('/') != ServiceAccountNames.MountPath))
            mounts.Add(new Mount(serviceAccountDirectory, ServiceAccountNames.MountPath, ReadOnly: true));
        var limits = container.Resources?.Limits;
        long? nanoCpus = limits?.GetValueOrDefault("cpu") is { } cpu && Quantity.TryParse(cpu, out var c, out _) ? c.MilliValue * 1_000_000 : null;
        long? memory = limits?.GetValueOrDefault("memory") is { } mem && Quantity.TryParse(mem, out var m, out _) ? m.ValueCeiling : null;
        var labels = Labels(node, pod, RuntimeLabels.ContainerRole, container.Name, attempt);
        if (PersistentVolumesOf(volumes) is { Count: > 0 } persistent) labels[RuntimeLabels.Volumes] = string.Join(',', persistent);
        return new ContainerSpec(ContainerName(node, pod, container.Name, attempt), sandboxId, container.Image!, container.Command, container.Args,
            env, container.WorkingDir, mounts, nanoCpus, memory, labels);
    }

    /// <summary>The persistent volumes among a pod's set-up volumes, sorted.</summary>
    public static IReadOnlyList<string> PersistentVolumesOf(IReadOnlyDictionary<string, ResolvedVolume>? volumes) =>
        (volumes?.Values ?? []).Select(v => v.PersistentVolume).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
}
