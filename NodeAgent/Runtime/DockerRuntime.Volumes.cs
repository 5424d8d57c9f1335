using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace EventOrch.NodeAgent.Runtime;

/// <summary>Named volumes of the engine's local driver: the storage of the local provisioner's volumes.</summary>
public sealed partial class DockerRuntime
{
    public async Task<string> CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        // Creating a volume that exists answers with that volume: a retried provision finds the first one's.
        var volume = await docker.Volumes.CreateAsync(new VolumesCreateParameters
        {
            Name = name,
            Driver = "local",
            Labels = new Dictionary<string, string>(labels),
        }, cancellationToken);
        return volume.Mountpoint;
    }

    public async Task RemoveVolumeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Volumes.RemoveAsync(name, force: false, cancellationToken);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }
}
