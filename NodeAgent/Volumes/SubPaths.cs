namespace EventOrch.NodeAgent.Volumes;

/// <summary>A volumeMount's subPath resolved inside its volume as the kubelet does: missing directories are made, and
/// neither a "..", an absolute path nor a symbolic link may lead out of the volume.</summary>
public static class SubPaths
{
    /// <summary>The host path of <paramref name="subPath"/> in the volume at <paramref name="volumePath"/>, every link in it
    /// followed; null with the kubelet's error when it cannot be used. With <paramref name="create"/>, a subPath that does
    /// not exist is made as a directory.</summary>
    public static (string? Path, string? Error) Resolve(string volumePath, string subPath, string mountName, string container, bool create)
    {
        if (System.IO.Path.IsPathRooted(subPath)) return (null, $"error SubPath `{subPath}` must not be an absolute path");
        if (subPath.Split('/').Contains(".."))
            return (null, $"unable to provision SubPath `{subPath}`: must not contain '..'");
        var root = RealPath(volumePath);
        if (root is null) return (null, $"failed to prepare subPath for volumeMount \"{mountName}\" of container \"{container}\"");
        var current = root;
        foreach (var part in subPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            var next = System.IO.Path.Combine(current, part);
            if (!System.IO.Path.Exists(next) && new FileInfo(next).LinkTarget is null)
            {
                if (!create) return (next, null);
                try
                {
                    Directory.CreateDirectory(next);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return (null, $"failed to create subPath directory for volumeMount \"{mountName}\" of container \"{container}\"");
                }
            }
            var real = RealPath(next);
            if (real is null || !Inside(real, root))
                return (null, $"failed to prepare subPath for volumeMount \"{mountName}\" of container \"{container}\"");
            current = real;
        }
        return (current, null);
    }

    private static bool Inside(string path, string root) =>
        path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);

    // Every symbolic link on the way followed; null when the path (or a link's target) does not exist.
    private static string? RealPath(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var resolved = "/";
        foreach (var part in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = System.IO.Path.Combine(resolved, part);
            for (var hops = 0; new FileInfo(next).LinkTarget is { } target; hops++)
            {
                if (hops > 40) return null;
                next = System.IO.Path.GetFullPath(target, System.IO.Path.GetDirectoryName(next)!);
                next = RealPath(next) ?? "";
                if (next.Length == 0) return null;
            }
            if (!System.IO.Path.Exists(next)) return null;
            resolved = next;
        }
        return resolved;
    }
}
