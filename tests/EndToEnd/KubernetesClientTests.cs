using System.Collections.Concurrent;
using EventOrch.Tests.Support;
using k8s;
using k8s.Models;

namespace EventOrch.Tests.EndToEnd;

/// <summary>The official Kubernetes client for .NET (the KubernetesClient package), configured from the kubeconfig
/// ./eo up wrote: list, create, watch and delete pods as against any Kubernetes cluster.</summary>
public sealed class KubernetesClientTests
{
    private static Kubernetes Client() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(
        Path.Combine(Services.RepositoryRoot, ".eo", "kubeconfig")));

    [Fact]
    public async Task The_official_client_lists_creates_watches_and_deletes_pods()
    {
        using var client = Client();
        var ns = $"kc-{Guid.NewGuid():N}"[..11];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        try
        {
            var before = await client.CoreV1.ListNamespacedPodAsync(ns);
            Assert.Empty(before.Items);

            var seen = new ConcurrentQueue<(WatchEventType Type, V1Pod Pod)>();
            using var stop = new CancellationTokenSource();
            var watching = Task.Run(async () =>
            {
                await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: before.Metadata.ResourceVersion,
                    cancellationToken: stop.Token))
                    seen.Enqueue((type, pod));
            });

            var created = await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "sleeper", Labels = new Dictionary<string, string> { ["app"] = "sleeper" } },
                Spec = new V1PodSpec
                {
                    TerminationGracePeriodSeconds = 1,
                    Containers = [new V1Container { Name = "main", Image = "eventorch/busybox:latest", ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"] }],
                },
            }, ns);
            Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));

            await Eventually.WaitFor(() => Task.FromResult(seen.ToArray()),
                events => events.Any(e => e.Type == WatchEventType.Modified && e.Pod.Status?.Phase == "Running"),
                "the watch to show the pod Running", TimeSpan.FromSeconds(90));
            Assert.Equal(WatchEventType.Added, seen.First().Type);
            var listed = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=sleeper");
            Assert.Equal("sleeper", Assert.Single(listed.Items).Metadata.Name);

            await client.CoreV1.DeleteNamespacedPodAsync("sleeper", ns);
            await Eventually.WaitFor(() => Task.FromResult(seen.ToArray()), events => events.Any(e => e.Type == WatchEventType.Deleted),
                "the watch to show the pod deleted", TimeSpan.FromSeconds(60));
            Assert.Empty((await client.CoreV1.ListNamespacedPodAsync(ns)).Items);
            await stop.CancelAsync();
            try
            {
                await watching;
            }
            catch (OperationCanceledException)
            {
                // The watch ends when the test stops it.
            }
        }
        finally
        {
            await client.CoreV1.DeleteNamespaceAsync(ns);
        }
    }
}
