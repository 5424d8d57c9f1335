using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Defaulting;

/// <summary>Kubernetes' pod defaults (pkg/apis/core/v1/defaults.go) and the status a new pod starts with.</summary>
public static class PodDefaults
{
    public const string DefaultSchedulerName = "default-scheduler";
    public const string TerminationMessagePath = "/dev/termination-log";
    public const long TerminationGracePeriodSeconds = 30;

    /// <summary>The pod as created: spec defaults applied, status reset to Pending with its QoS class.</summary>
    public static Pod Apply(Pod pod)
    {
        var spec = ApplySpec(pod.Spec);
        return pod with
        {
            Spec = spec,
            Status = new PodStatus { Phase = PodPhases.Pending, QosClass = PodQos.ClassOf(spec) },
        };
    }

    /// <summary>The spec defaults alone; apply them to an updated pod too before validating it.</summary>
    public static PodSpec ApplySpec(PodSpec spec)
    {
        var hostNetwork = spec.HostNetwork == true;
        return spec with
        {
            Containers = spec.Containers.Select(c => ApplyContainer(c, hostNetwork)).ToList(),
            InitContainers = spec.InitContainers?.Select(c => ApplyContainer(c, hostNetwork)).ToList(),
            Volumes = spec.Volumes?.Select(ApplyVolume).ToList(),
            RestartPolicy = OrDefault(spec.RestartPolicy, "Always"),
            DnsPolicy = OrDefault(spec.DnsPolicy, "ClusterFirst"),
            TerminationGracePeriodSeconds = spec.TerminationGracePeriodSeconds ?? TerminationGracePeriodSeconds,
            SchedulerName = OrDefault(spec.SchedulerName, DefaultSchedulerName),
            EnableServiceLinks = spec.EnableServiceLinks ?? true,
        };
    }

    /// <summary>The files of ConfigMap and Secret volumes: mode 0644 unless asked otherwise.</summary>
    public const int DefaultVolumeMode = 420;

    // A volume without a source is an emptyDir; ConfigMap and Secret files default to mode 0644.
    private static Volume ApplyVolume(Volume volume) => volume switch
    {
        { EmptyDir: null, HostPath: null, ConfigMap: null, Secret: null, PersistentVolumeClaim: null } => volume with { EmptyDir = new EmptyDirVolumeSource() },
        { ConfigMap: { DefaultMode: null } configMap } => volume with { ConfigMap = configMap with { DefaultMode = DefaultVolumeMode } },
        { Secret: { DefaultMode: null } secret } => volume with { Secret = secret with { DefaultMode = DefaultVolumeMode } },
        _ => volume,
    };

    /// <summary>Always for an image tagged latest or untagged (and undigested), else IfNotPresent.</summary>
    public static string DefaultPullPolicy(string? image) => ImageTag(image) == "latest" ? "Always" : "IfNotPresent";

    private static Container ApplyContainer(Container container, bool hostNetwork) => container with
    {
        ImagePullPolicy = OrDefault(container.ImagePullPolicy, DefaultPullPolicy(container.Image)),
        TerminationMessagePath = OrDefault(container.TerminationMessagePath, TerminationMessagePath),
        TerminationMessagePolicy = OrDefault(container.TerminationMessagePolicy, "File"),
        Ports = container.Ports?.Select(p => p with
        {
            Protocol = OrDefault(p.Protocol, "TCP"),
            HostPort = hostNetwork && (p.HostPort ?? 0) == 0 ? p.Number : p.HostPort,
        }).ToList(),
        Resources = DefaultRequestsToLimits(container.Resources),
        Env = container.Env?.Select(e => e.ValueFrom?.FieldRef is { ApiVersion: null or "" } fieldRef
            ? e with { ValueFrom = e.ValueFrom with { FieldRef = fieldRef with { ApiVersion = "v1" } } }
            : e).ToList(),
        LivenessProbe = ApplyProbe(container.LivenessProbe),
        ReadinessProbe = ApplyProbe(container.ReadinessProbe),
        StartupProbe = ApplyProbe(container.StartupProbe),
    };

    // A limit without a request makes the request equal to the limit. Requirements that say nothing are none at all
    // (kubectl sends "resources: {}" for every container): otherwise a template kubectl wrote back, as rollout undo
    // does, would differ from the one stored and make a new ReplicaSet instead of reviving the old one.
    private static ResourceRequirements? DefaultRequestsToLimits(ResourceRequirements? resources)
    {
        if (resources is { Requests: null or { Count: 0 }, Limits: null or { Count: 0 } }) return null;
        if (resources?.Limits is not { } limits) return resources;
        var requests = new Dictionary<string, string>(resources.Requests ?? [], StringComparer.Ordinal);
        foreach (var (name, limit) in limits) requests.TryAdd(name, limit);
        return resources with { Requests = requests, Limits = new Dictionary<string, string>(limits, StringComparer.Ordinal) };
    }

    private static Probe? ApplyProbe(Probe? probe) => probe is null ? null : probe with
    {
        TimeoutSeconds = OrDefault(probe.TimeoutSeconds, 1),
        PeriodSeconds = OrDefault(probe.PeriodSeconds, 10),
        SuccessThreshold = OrDefault(probe.SuccessThreshold, 1),
        FailureThreshold = OrDefault(probe.FailureThreshold, 3),
        HttpGet = probe.HttpGet is null ? null : probe.HttpGet with
        {
            Path = OrDefault(probe.HttpGet.Path, "/"),
            Scheme = OrDefault(probe.HttpGet.Scheme, "HTTP"),
        },
    };

    // The tag of an image reference; "latest" when it has neither tag nor digest, "" when it is not a valid reference.
    private static string ImageTag(string? image)
    {
        if (string.IsNullOrEmpty(image) || image.Any(char.IsWhiteSpace)) return "";
        var digestAt = image.IndexOf('@');
        var name = digestAt >= 0 ? image[..digestAt] : image;
        var colon = name.LastIndexOf(':');
        var tagged = colon > name.LastIndexOf('/');
        var tag = tagged ? name[(colon + 1)..] : "";
        var repository = tagged ? name[..colon] : name;
        var firstSlash = repository.IndexOf('/');
        var path = firstSlash >= 0 && IsRegistry(repository[..firstSlash]) ? repository[(firstSlash + 1)..] : repository;
        if (path.Length == 0 || path.Any(char.IsAsciiLetterUpper)) return "";
        return tag.Length == 0 && digestAt < 0 ? "latest" : tag;
    }

    private static bool IsRegistry(string component) => component.Contains('.') || component.Contains(':') || component == "localhost";

    // Kubernetes defaults zero values too: its fields are not pointers.
    private static int? OrDefault(int? value, int fallback) => value is null or 0 ? fallback : value;

    private static string OrDefault(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
