using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using static EventOrch.Tests.EndToEnd.Storage.StorageWorkloads;

namespace EventOrch.Tests.EndToEnd.Storage;

/// <summary>Persistent storage through the processes ./eo up started, with real containers: a claim in use is deleted
/// only once its pod is gone, and then Delete reclaim removes the provisioned directory while Retain keeps it; a
/// StatefulSet's members start in order, each with a claim of its own that outlives the member's replacement and a
/// scale-down, and each has a stable route in the proxy.</summary>
public sealed class StorageRunTests : IDisposable
{
    private const string EntryPoint = "http://127.0.0.1:8000";
    private readonly HttpClient _client = Cluster.AdminClient();
    private string _namespace = "";
    private readonly List<string> _cleanUp = [];

    [Fact]
    public async Task Deleting_a_claim_in_use_waits_for_its_pod_then_delete_reclaim_removes_the_data_and_retain_keeps_it()
    {
        _namespace = await _client.NewNamespaceAsync();
        await _client.CreateAsync($"/api/v1/namespaces/{_namespace}/persistentvolumeclaims", Claim("data", "shared"));
        await _client.CreateAsync($"/api/v1/namespaces/{_namespace}/pods", new Pod { Metadata = new ObjectMeta { Name = "user" }, Spec = IdServer("user").Spec });
        var pod = (await _client.ReadyPodsAsync(_namespace, p => p.Count == 1, "the pod using the claim ready")).Single();
        var id = await IdOfAsync(pod);
        var (claim, volume) = await _client.BoundAsync(_namespace, "data");
        var directory = volume.Spec.HostPath!.Path;
        Assert.Equal(id, File.ReadAllText(Path.Combine(directory, "id")).Trim());

        // Deleting the claim while the pod runs only marks it: the pod keeps its data.
        Assert.Equal(HttpStatusCode.OK, (await _client.DeleteAsync($"/api/v1/namespaces/{_namespace}/persistentvolumeclaims/data")).StatusCode);
        var deleting = await _client.ClaimAsync(_namespace, "data");
        Assert.NotNull(deleting!.Metadata.DeletionTimestamp);
        Assert.Contains(PersistentVolumes.PvcProtectionFinalizer, deleting.Metadata.Finalizers!);
        Assert.Equal(id, await IdOfAsync(pod));
        Assert.NotNull(await _client.ClaimAsync(_namespace, "data"));

        // Once the pod is gone the claim goes, and with Delete reclaim its volume and directory too.
        await _client.DeletePodAsync("user", _namespace);
        await Eventually.WaitFor(() => _client.ClaimAsync(_namespace, "data"), c => c is null, "the claim gone after its pod", TimeSpan.FromSeconds(60));
        await Eventually.WaitFor(() => _client.VolumeAsync(claim.Spec.VolumeName!), v => v is null, "the volume deleted", TimeSpan.FromSeconds(60));
        await Eventually.WaitFor(() => Task.FromResult(Directory.Exists(directory)), exists => !exists, "the directory removed", TimeSpan.FromSeconds(30));

        // A class that retains: the volume is Released and its directory kept.
        var retaining = $"retain-{_namespace}";
        _cleanUp.Add($"/apis/storage.k8s.io/v1/storageclasses/{retaining}");
        await _client.CreateAsync("/apis/storage.k8s.io/v1/storageclasses", new StorageClass
        {
            Metadata = new ObjectMeta { Name = retaining }, Provisioner = StorageClasses.SharedProvisioner, ReclaimPolicy = StorageClasses.ReclaimRetain,
        });
        await _client.CreateAsync($"/api/v1/namespaces/{_namespace}/persistentvolumeclaims", Claim("kept", retaining));
        var (_, kept) = await _client.BoundAsync(_namespace, "kept");
        _cleanUp.Add($"/api/v1/persistentvolumes/{kept.Metadata.Name}");
        File.WriteAllText(Path.Combine(kept.Spec.HostPath!.Path, "note"), "keep me");
        await _client.DeleteAsync($"/api/v1/namespaces/{_namespace}/persistentvolumeclaims/kept");
        await Eventually.WaitFor(() => _client.VolumeAsync(kept.Metadata.Name!), v => v?.Status?.Phase == PersistentVolumes.Released, "the volume Released",
            TimeSpan.FromSeconds(60));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(kept.Spec.HostPath.Path, "note")));
        Directory.Delete(kept.Spec.HostPath.Path, recursive: true);
    }

    [Fact]
    public async Task A_stateful_sets_members_start_in_order_each_with_its_own_claim_kept_through_replacement_and_scale_down()
    {
        _namespace = await _client.NewNamespaceAsync();
        await _client.CreateAsync($"/api/v1/namespaces/{_namespace}/services", new Service
        {
            Metadata = new ObjectMeta { Name = "db" },
            Spec = new ServiceSpec { ClusterIP = "None", Selector = new() { ["app"] = "db" }, Ports = [new ServicePort { Port = 8080, TargetPort = "http" }] },
        });
        var sets = $"/apis/apps/v1/namespaces/{_namespace}/statefulsets";
        await _client.CreateAsync(sets, new StatefulSet
        {
            Metadata = new ObjectMeta { Name = "db" },
            Spec = new StatefulSetSpec
            {
                Replicas = 3, ServiceName = "db", Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "db" } },
                Template = IdServer("db", claim: null),
                VolumeClaimTemplates = [Claim("data", "local")],
            },
        });

        var members = await _client.ReadyPodsAsync(_namespace, p => p.Count == 3, "3 ready members", 120);
        Assert.Equal(["db-0", "db-1", "db-2"], members.Select(p => p.Metadata.Name!).Order());
        // OrderedReady: each member was made only once the one before it was Ready.
        var byName = members.ToDictionary(p => p.Metadata.Name!);
        foreach (var (before, after) in new[] { ("db-0", "db-1"), ("db-1", "db-2") })
        {
            // creationTimestamp has whole seconds.
            var ready = byName[before].Status.Condition(PodConditions.Ready)!.LastTransitionTime!.Value;
            Assert.True(byName[after].Metadata.CreationTimestamp >= ready.AddTicks(-(ready.UtcTicks % TimeSpan.TicksPerSecond)),
                $"{after} was created before {before} was Ready");
        }
        var ids = new Dictionary<string, string>();
        foreach (var member in members)
        {
            Assert.Equal(member.Metadata.Name, member.Spec.Hostname);
            Assert.Equal("db", member.Spec.Subdomain);
            var (_, volume) = await _client.BoundAsync(_namespace, $"data-{member.Metadata.Name}");
            Assert.Equal([member.Spec.NodeName!], AffinityNodes(volume));
            ids[member.Metadata.Name!] = await IdOfAsync(member);
        }
        Assert.Equal(3, ids.Values.Distinct().Count());

        // Each member has a route of its own in the proxy.
        using var proxy = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var name in new[] { "db-0", "db-2" })
            await Eventually.WaitFor(async () => await AnswerAsync(proxy, $"{name}.db.{_namespace}"), answer => answer == ids[name], $"{name}.db.{_namespace} through the proxy",
                TimeSpan.FromSeconds(30));

        // A deleted member comes back under its name, with its claim's data.
        var replaced = byName["db-1"];
        await _client.DeletePodAsync("db-1", _namespace);
        var back = await _client.ReadyPodsAsync(_namespace, p => p.Count == 3 && p.Any(x => x.Metadata.Name == "db-1" && x.Metadata.Uid != replaced.Metadata.Uid),
            "db-1 back", 120);
        Assert.Equal(ids["db-1"], await IdOfAsync(back.Single(p => p.Metadata.Name == "db-1")));

        // Scaled down to 2, db-2 goes and its claim stays; back to 3, db-2 has its data again.
        await Scale(sets, 2);
        await _client.ReadyPodsAsync(_namespace, p => p.Count == 2 && p.All(x => x.Metadata.Name != "db-2"), "db-2 gone", 60);
        await Eventually.WaitFor(async () => (await _client.ListPodsAsync(_namespace)).Items, p => p.All(x => x.Metadata.Name != "db-2"), "db-2's pod deleted",
            TimeSpan.FromSeconds(60));
        Assert.Equal(PersistentVolumes.Bound, (await _client.ClaimAsync(_namespace, "data-db-2"))?.Status?.Phase);
        await Scale(sets, 3);
        var again = await _client.ReadyPodsAsync(_namespace, p => p.Count == 3, "db-2 back", 120);
        Assert.Equal(ids["db-2"], await IdOfAsync(again.Single(p => p.Metadata.Name == "db-2")));
    }

    private async Task Scale(string sets, int replicas)
    {
        var (code, _, response) = await _client.SendAsync<Scale>(HttpMethod.Patch, $"{sets}/db/scale", new { spec = new { replicas } }, "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string?> AnswerAsync(HttpClient proxy, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{EntryPoint}/id") { Headers = { Host = host } };
        using var response = await proxy.SendAsync(request);
        return response.IsSuccessStatusCode ? (await response.Content.ReadAsStringAsync()).Trim() : null;
    }

    public void Dispose()
    {
        if (_namespace.Length > 0) _client.DeleteAsync($"/api/v1/namespaces/{_namespace}").GetAwaiter().GetResult();
        foreach (var path in _cleanUp) _client.DeleteAsync(path).GetAwaiter().GetResult();
        _client.Dispose();
    }
}
