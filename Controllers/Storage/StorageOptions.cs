using System.ComponentModel.DataAnnotations;

namespace EventOrch.Controllers.Storage;

/// <summary>Where the shared provisioner keeps its volumes (configuration section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>An absolute directory every node mounts at the same path (a network file system in production, a host
    /// directory on one machine); each <c>shared</c> volume is a directory in it. Absolute.</summary>
    [Required] public string SharedRoot { get; set; } = Path.Combine(Path.GetTempPath(), "eventorch-shared");
}
