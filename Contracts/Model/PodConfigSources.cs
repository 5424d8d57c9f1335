namespace EventOrch.Contracts.Model;

// How a pod's containers take values from ConfigMaps and Secrets: environment variables (one key, or every key with
// envFrom) and volumes of files. Optional references let a container start without them.

/// <summary>Every key of a ConfigMap or a Secret as an environment variable, each name behind <see cref="Prefix"/>.</summary>
public sealed record EnvFromSource
{
    public string? Prefix { get; init; }
    public ConfigMapEnvSource? ConfigMapRef { get; init; }
    public SecretEnvSource? SecretRef { get; init; }
}

public sealed record ConfigMapEnvSource
{
    public string Name { get; init; } = "";
    public bool? Optional { get; init; }
}

public sealed record SecretEnvSource
{
    public string Name { get; init; } = "";
    public bool? Optional { get; init; }
}

/// <summary>One key of a ConfigMap in the pod's namespace.</summary>
public sealed record ConfigMapKeySelector
{
    public string Name { get; init; } = "";
    public string Key { get; init; } = "";
    public bool? Optional { get; init; }
}

/// <summary>One key of a Secret in the pod's namespace.</summary>
public sealed record SecretKeySelector
{
    public string Name { get; init; } = "";
    public string Key { get; init; } = "";
    public bool? Optional { get; init; }
}

/// <summary>A ConfigMap's keys as files: every key (or only <see cref="Items"/>), each file with <see cref="DefaultMode"/>
/// unless its item says otherwise. Mounted read-only; a change of the ConfigMap reaches the files.</summary>
public sealed record ConfigMapVolumeSource
{
    public string Name { get; init; } = "";
    public List<KeyToPath>? Items { get; init; }

    /// <summary>The files' permission bits, 0 to 0777 (JSON has no octal: 0644 is 420, the default).</summary>
    public int? DefaultMode { get; init; }

    public bool? Optional { get; init; }
}

/// <summary>A Secret's keys as files, as <see cref="ConfigMapVolumeSource"/> (Kubernetes names the Secret secretName).</summary>
public sealed record SecretVolumeSource
{
    public string? SecretName { get; init; }
    public List<KeyToPath>? Items { get; init; }
    public int? DefaultMode { get; init; }
    public bool? Optional { get; init; }
}

/// <summary>One key as the file at <see cref="Path"/> (relative, no '..'), with <see cref="Mode"/> when given.</summary>
public sealed record KeyToPath
{
    public string Key { get; init; } = "";
    public string Path { get; init; } = "";
    public int? Mode { get; init; }
}
