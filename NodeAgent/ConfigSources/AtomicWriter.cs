using System.Globalization;

namespace EventOrch.NodeAgent.ConfigSources;

/// <summary>Writes a volume's files so that a reader never sees a half-written set, as the kubelet's atomic writer does:
/// each version goes into a fresh hidden directory <c>..YYYY_MM_DD_hh_mm_ss.N</c>, the symlink <c>..data</c> is then
/// swapped to it in one rename, and every top-level name is a symlink through <c>..data</c> (<c>key -&gt; ..data/key</c>).
/// The previous version's directory goes last.</summary>
public static class AtomicWriter
{
    public const string DataLink = "..data";
    private const string NewDataLink = "..data_tmp";
    private const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Makes <paramref name="targetDirectory"/> hold exactly <paramref name="files"/> (paths relative to it).</summary>
    public static void Write(string targetDirectory, IReadOnlyDictionary<string, VolumeFile> files, DateTimeOffset now)
    {
        foreach (var path in files.Keys) CheckPath(path);
        Directory.CreateDirectory(targetDirectory);
        var version = NewVersionDirectory(targetDirectory, now);
        foreach (var (path, file) in files)
        {
            var full = Path.Combine(version, path);
            var parent = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(parent)) CreateDirectory(parent);
            File.WriteAllBytes(full, file.Content);
            // The engine runs Linux containers; elsewhere (a developer's Windows machine) files keep the default rights.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(full, (UnixFileMode)file.Mode);
        }

        var dataLink = Path.Combine(targetDirectory, DataLink);
        var newLink = Path.Combine(targetDirectory, NewDataLink);
        DeleteEntry(newLink);
        File.CreateSymbolicLink(newLink, Path.GetFileName(version));
        // rename(2) replaces the old link in one step: a reader sees the old version or the new one, never a mix.
        // (File.Move follows the link to its directory and refuses, so libc's rename is called itself.)
        Replace(newLink, dataLink);

        var visible = files.Keys.Select(p => p.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var name in visible)
        {
            var link = Path.Combine(targetDirectory, name);
            if (new FileInfo(link).LinkTarget is null)
            {
                DeleteEntry(link);
                File.CreateSymbolicLink(link, Path.Combine(DataLink, name));
            }
        }
        foreach (var entry in Directory.EnumerateFileSystemEntries(targetDirectory))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith("..", StringComparison.Ordinal))
            {
                // Earlier versions (the previous one, or one left by a write that did not finish) go.
                if (name != DataLink && name != Path.GetFileName(version)) DeleteEntry(entry);
            }
            else if (!visible.Contains(name))
            {
                DeleteEntry(entry);
            }
        }
    }

    private static string NewVersionDirectory(string targetDirectory, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyy_MM_dd_HH_mm_ss", CultureInfo.InvariantCulture);
        for (var n = Random.Shared.Next(1_000_000); ; n++)
        {
            var path = Path.Combine(targetDirectory, $"..{stamp}.{n.ToString(CultureInfo.InvariantCulture)}");
            if (Directory.Exists(path) || File.Exists(path)) continue;
            CreateDirectory(path);
            return path;
        }
    }

    private static void Replace(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Move(source, destination, overwrite: true);
            return;
        }
        if (rename(source, destination) != 0)
            throw new IOException($"could not rename {source} to {destination}: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true, CharSet = System.Runtime.InteropServices.CharSet.Ansi,
        BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int rename(string oldPath, string newPath);

    private static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, DirectoryMode);
    }

    // A symlink is removed as a link (never followed); a directory with what it holds.
    private static void DeleteEntry(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || File.Exists(path)) info.Delete();
        else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    // The Api validates item paths; the agent still never writes outside the volume.
    private static void CheckPath(string path)
    {
        if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(s => s is ".." or "") || path.StartsWith("..", StringComparison.Ordinal))
            throw new ArgumentException($"\"{path}\" is not a path inside the volume", nameof(path));
    }
}
