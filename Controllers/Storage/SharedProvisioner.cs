using EventOrch.ClientRuntime.Storage;
using EventOrch.Contracts.Model;
using Microsoft.Extensions.Options;

namespace EventOrch.Controllers.Storage;

/// <summary>The <c>eventorch.io/shared</c> provisioner: a volume is the directory <c>&lt;Storage:SharedRoot&gt;/&lt;volume
/// name&gt;</c> (mode 0777, so any container user may write), exposed as <c>hostPath</c> type Directory with no node
/// affinity, since every node mounts the root at the same path. Deleting it removes the directory and its data.</summary>
public sealed partial class SharedProvisioner(IOptions<StorageOptions> options, ILogger<SharedProvisioner> logger) : IVolumeProvisioner
{
    private const UnixFileMode Everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public string Name => StorageClasses.SharedProvisioner;

    public bool Handles(PersistentVolumeClaim claim) => true;

    public bool Handles(PersistentVolume volume) => true;

    public string PathOf(string volumeName) => Path.Combine(Path.GetFullPath(options.Value.SharedRoot), volumeName);

    public Task<PersistentVolumeSpec> ProvisionAsync(string volumeName, PersistentVolumeClaim claim, StorageClass storageClass,
        CancellationToken cancellationToken)
    {
        var path = PathOf(volumeName);
        Directory.CreateDirectory(path);
        // Not through CreateDirectory's mode: the process's umask would take group and other write away again.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, Everyone);
        LogCreated(path);
        return Task.FromResult(new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = path, Type = "Directory" } });
    }

    public Task DeleteAsync(PersistentVolume volume, CancellationToken cancellationToken)
    {
        // The directory the volume names, but only inside the root: a volume edited to point elsewhere is not followed.
        var path = volume.Spec.HostPath?.Path is { } named ? Path.GetFullPath(named) : PathOf(volume.Metadata.Name!);
        if (Path.GetDirectoryName(path) != Path.GetFullPath(options.Value.SharedRoot).TrimEnd(Path.DirectorySeparatorChar))
            throw new InvalidOperationException($"volume {volume.Metadata.Name}: {path} is not a directory of the shared root");
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        LogDeleted(path);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1140, Level = LogLevel.Information, Message = "shared volume directory {Path} created")]
    private partial void LogCreated(string path);

    [LoggerMessage(EventId = 1141, Level = LogLevel.Information, Message = "shared volume directory {Path} deleted")]
    private partial void LogDeleted(string path);
}
