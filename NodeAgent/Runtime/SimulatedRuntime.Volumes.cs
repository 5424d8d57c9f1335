namespace EventOrch.NodeAgent.Runtime;

/// <summary>Named volumes of hollow nodes: a directory per volume under the configured root (labels are not kept).</summary>
public sealed partial class SimulatedRuntime
{
    public Task<string> CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        Task.FromResult(Directory.CreateDirectory(VolumePath(name)).FullName);

    public Task RemoveVolumeAsync(string name, CancellationToken cancellationToken)
    {
        var path = VolumePath(name);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        return Task.CompletedTask;
    }

    private string VolumePath(string name) =>
        name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name is not ("." or "..")
            ? Path.Combine(Path.GetFullPath(volumeRoot), name)
            : throw new ArgumentException($"\"{name}\" is not a volume name", nameof(name));
}
