using Docker.DotNet;
using Docker.DotNet.Models;

namespace EventOrch.NodeAgent.Runtime;

public sealed partial class DockerRuntime
{
    public async Task<ImageResult> EnsureImageAsync(string image, string pullPolicy, CancellationToken cancellationToken)
    {
        var policy = NormalizePolicy(image, pullPolicy);
        if (policy == PullPolicies.Never)
            return await ImagePresentAsync(image, cancellationToken)
                ? ImageResult.Ok
                : new ImageResult(false, ImagePullReasons.ErrImageNeverPull, $"Container image \"{image}\" is not present with pull policy of Never");
        if (policy == PullPolicies.IfNotPresent && await ImagePresentAsync(image, cancellationToken)) return ImageResult.Ok;
        if (!settings.PullImages)
            return await ImagePresentAsync(image, cancellationToken)
                ? ImageResult.Ok
                : new ImageResult(false, ImagePullReasons.ErrImagePull,
                    $"image \"{image}\" is not present on this node, and pulling images is turned off here (Docker:PullImages=false)");

        var error = await PullAsync(image, cancellationToken);
        if (error is null && await ImagePresentAsync(image, cancellationToken))
        {
            logger.Pulled(image);
            return ImageResult.Ok;
        }
        error ??= "the pull ended without the image";
        // Always asks for the registry's current image; when the registry cannot answer (no registry is reachable on
        // an offline node) the local copy is what an offline engine can run, so it is used rather than failing the pod.
        if (policy == PullPolicies.Always && await ImagePresentAsync(image, cancellationToken))
        {
            logger.UsingLocalImage(image, error);
            return ImageResult.Ok;
        }
        logger.PullFailed(image, error);
        return new ImageResult(false, ImagePullReasons.ErrImagePull, error);
    }

    private async Task<bool> ImagePresentAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Images.InspectImageAsync(image, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Pulls the image; null on success, else the engine's message. The engine reports some failures as an
    /// error status and others inside the progress stream, after a 200.</summary>
    private async Task<string?> PullAsync(string image, CancellationToken cancellationToken)
    {
        var (repository, tag) = DockerMapping.SplitReference(image);
        var progress = new PullProgress();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PullTimeout);
        try
        {
            await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, null, progress, timeout.Token);
            return progress.Error;
        }
        catch (DockerApiException e)
        {
            return DockerMapping.EngineMessage(e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"pulling {image} did not finish within {settings.PullTimeout.TotalSeconds:0}s";
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return e.Message;
        }
    }

    private static string NormalizePolicy(string image, string? policy)
    {
        foreach (var known in new[] { PullPolicies.Always, PullPolicies.IfNotPresent, PullPolicies.Never })
            if (string.Equals(policy, known, StringComparison.OrdinalIgnoreCase)) return known;
        // Unset: Kubernetes' default, Always for ":latest" (or no tag), IfNotPresent otherwise.
        return DockerMapping.SplitReference(image).Tag == "latest" ? PullPolicies.Always : PullPolicies.IfNotPresent;
    }

    /// <summary>Collects the pull's progress synchronously (Progress&lt;T&gt; would report later, on the thread pool).</summary>
    private sealed class PullProgress : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            var message = value.Error?.Message is { Length: > 0 } detail ? detail : value.ErrorMessage;
            if (!string.IsNullOrEmpty(message)) Error = message;
        }
    }
}
