namespace EventOrch.NodeAgent.Volumes;

/// <summary>A hostPath volume's <c>type</c>, checked (and for the OrCreate types made) as the kubelet's hostPath plugin
/// does before it mounts the path.</summary>
public static class HostPathTypes
{
    public const string DirectoryOrCreate = "DirectoryOrCreate";
    public const string Directory = "Directory";
    public const string FileOrCreate = "FileOrCreate";
    public const string File = "File";
    public const string Socket = "Socket";
    public const string CharDevice = "CharDevice";
    public const string BlockDevice = "BlockDevice";

    // The modes the kubelet makes them with: 0755 and 0644.
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode FileMode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Null when the path is what the type asks for (after making it, for an OrCreate type); else the kubelet's message.</summary>
    public static string? Check(string path, string? type)
    {
        if (string.IsNullOrEmpty(type)) return null;
        var info = new FileInfo(path);
        var exists = info.Exists || System.IO.Directory.Exists(path);
        switch (type)
        {
            case DirectoryOrCreate when !exists:
                // As the kubelet: MkdirAll with 0755.
                if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(path);
                else System.IO.Directory.CreateDirectory(path, DirectoryMode);
                return null;
            case DirectoryOrCreate or Directory:
                return System.IO.Directory.Exists(path) ? null : Failed(path, "a directory");
            case FileOrCreate when !exists:
                using (System.IO.File.Open(path, FileMode.CreateNew, FileAccess.Write))
                {
                }
                if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(path, FileMode0644);
                return null;
            case FileOrCreate or File:
                return Kind(path) == FileKind.File ? null : Failed(path, "a file");
            case Socket:
                return Kind(path) == FileKind.Socket ? null : Failed(path, "a socket file");
            case CharDevice:
                return Kind(path) == FileKind.CharDevice ? null : Failed(path, "a character device");
            case BlockDevice:
                return Kind(path) == FileKind.BlockDevice ? null : Failed(path, "a block device");
            default:
                return $"{type} is an invalid volume type";
        }
    }

    private static string Failed(string path, string what) => $"hostPath type check failed: {path} is not {what}";

    private enum FileKind { None, Directory, File, Socket, CharDevice, BlockDevice, Other }

    // .NET has no file-type query for special files; stat(1) follows the path as the kubelet's stat(2) does. Only
    // File, Socket and the device types get here, and only while a pod's volumes are being set up.
    private static FileKind Kind(string path)
    {
        if (System.IO.Directory.Exists(path)) return FileKind.Directory;
        if (!System.IO.File.Exists(path)) return FileKind.None;
        return StatType(path) switch
        {
            "socket" => FileKind.Socket,
            "character special file" => FileKind.CharDevice,
            "block special file" => FileKind.BlockDevice,
            "regular file" or "regular empty file" => FileKind.File,
            _ => FileKind.Other,
        };
    }

    private static string StatType(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("stat", ["-L", "-c", "%F", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var stat = System.Diagnostics.Process.Start(start)!;
        var output = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return output;
    }
}
