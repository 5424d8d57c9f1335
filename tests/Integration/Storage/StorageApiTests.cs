using System.Net;
using EventOrch.Api.Resources;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Storage;

/// <summary>StorageClasses, PersistentVolumes and PersistentVolumeClaims through REST against the real Api and store:
/// defaults, protection finalizers, the default class, Kubernetes' refusals (422 naming the field, nothing stored) and
/// what may change after creation.</summary>
public sealed class StorageApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private const string Classes = "/apis/storage.k8s.io/v1/storageclasses";
    private const string Volumes = "/api/v1/persistentvolumes";
    private static string Claims(string ns) => $"/api/v1/namespaces/{ns}/persistentvolumeclaims";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    private async Task<string> NamespaceAsync()
    {
        var ns = Unique("st");
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = ns } });
        return ns;
    }

    private static PersistentVolumeClaim Claim(string name, string size, string? storageClass = "manual") => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = [PersistentVolumes.ReadWriteOnce],
            StorageClassName = storageClass,
            Resources = new ResourceRequirements { Requests = new() { ["storage"] = size } },
        },
    };

    private static PersistentVolume HostPathVolume(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PersistentVolumeSpec
        {
            Capacity = new() { ["storage"] = "1Gi" },
            AccessModes = [PersistentVolumes.ReadWriteOnce],
            HostPath = new HostPathVolumeSource { Path = "/srv/data" },
        },
    };

    private async Task AssertInvalidAsync(HttpMethod method, string path, object body, string field, string message)
    {
        var events = await api.EventCountAsync();
        var (code, status, _) = await api.Client.SendAsync<Status>(method, path, body,
            method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == field && c.Message == message);
        Assert.Equal(events, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_storage_class_is_defaulted_and_its_provisioner_and_parameters_never_change()
    {
        var name = Unique("sc");
        var created = await api.Client.CreateAsync(Classes, new StorageClass
        {
            Metadata = new ObjectMeta { Name = name }, Provisioner = "eventorch.io/local", Parameters = new() { ["root"] = "/var/lib/eo" },
        });

        Assert.Equal("Delete", created.ReclaimPolicy);
        Assert.Equal("Immediate", created.VolumeBindingMode);

        await AssertInvalidAsync(HttpMethod.Patch, $"{Classes}/{name}", new { provisioner = "eventorch.io/shared" }, "provisioner",
            "Forbidden: updates to provisioner are forbidden.");
        await AssertInvalidAsync(HttpMethod.Patch, $"{Classes}/{name}", new { volumeBindingMode = "WaitForFirstConsumer" }, "volumeBindingMode",
            "Invalid value: \"WaitForFirstConsumer\": field is immutable");

        var (code, patched, _) = await api.Client.SendAsync<StorageClass>(HttpMethod.Patch, $"{Classes}/{name}",
            new { allowVolumeExpansion = true }, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.True(patched!.AllowVolumeExpansion);
        Assert.Equal("eventorch.io/local", patched.Provisioner);
    }

    [Fact]
    public async Task A_storage_class_without_a_provisioner_is_refused()
    {
        var events = await api.EventCountAsync();
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Classes,
            new StorageClass { Metadata = new ObjectMeta { Name = Unique("sc") }, ReclaimPolicy = "Recycle" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "provisioner" && c.Message == "Required value");
        Assert.Contains(status.Details.Causes!, c => c.Field == "reclaimPolicy" && c.Message == "Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"");
        Assert.Equal(events, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_volume_is_defaulted_starts_pending_and_carries_its_protection_finalizer()
    {
        var created = await api.Client.CreateAsync(Volumes, HostPathVolume(Unique("pv")));

        Assert.Equal("Retain", created.Spec.PersistentVolumeReclaimPolicy);
        Assert.Equal("Filesystem", created.Spec.VolumeMode);
        Assert.Equal("", created.Spec.HostPath!.Type);
        Assert.Equal("Pending", created.Status!.Phase);
        Assert.Equal(["kubernetes.io/pv-protection"], created.Metadata.Finalizers);
    }

    [Fact]
    public async Task A_local_volume_without_node_affinity_is_refused_and_nothing_is_stored()
    {
        var name = Unique("pv");
        var volume = HostPathVolume(name) with { Spec = HostPathVolume(name).Spec with { HostPath = null, Local = new LocalVolumeSource { Path = "/mnt/disk" } } };

        await AssertInvalidAsync(HttpMethod.Post, Volumes, volume, "spec.nodeAffinity", "Required value: Local volume requires node affinity");
        var (code, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{Volumes}/{name}");
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task A_volume_status_is_written_only_through_the_status_subresource()
    {
        var name = Unique("pv");
        var created = await api.Client.CreateAsync(Volumes, HostPathVolume(name));

        var (_, updated, _) = await api.Client.SendAsync<PersistentVolume>(HttpMethod.Put, $"{Volumes}/{name}",
            created with { Status = new PersistentVolumeStatus { Phase = "Available" } });
        Assert.Equal("Pending", updated!.Status!.Phase);

        var (code, written, _) = await api.Client.SendAsync<PersistentVolume>(HttpMethod.Put, $"{Volumes}/{name}/status",
            updated with { Status = new PersistentVolumeStatus { Phase = "Available" } });
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Available", written!.Status!.Phase);
    }

    [Fact]
    public async Task A_claim_without_a_class_is_given_the_default_class_and_its_protection_finalizer()
    {
        var ns = await NamespaceAsync();
        var defaultClass = Unique("sc");
        await api.Client.CreateAsync(Classes, new StorageClass
        {
            Metadata = new ObjectMeta { Name = defaultClass, Annotations = new() { [StorageClasses.IsDefaultClassAnnotation] = "true" } },
            Provisioner = "eventorch.io/local",
        });

        var claim = await api.Client.CreateAsync(Claims(ns), Claim("data", "1Gi", storageClass: null));
        var explicitNone = await api.Client.CreateAsync(Claims(ns), Claim("none", "1Gi", storageClass: ""));

        Assert.Equal(defaultClass, claim.Spec.StorageClassName);
        Assert.Equal("", explicitNone.Spec.StorageClassName);
        Assert.Equal("Pending", claim.Status!.Phase);
        Assert.Equal("Filesystem", claim.Spec.VolumeMode);
        Assert.Equal(["kubernetes.io/pvc-protection"], claim.Metadata.Finalizers);
    }

    [Fact]
    public async Task A_claim_without_a_storage_request_is_refused_with_kubernetes_field()
    {
        var ns = await NamespaceAsync();
        var claim = Claim("data", "1Gi") with { Spec = Claim("data", "1Gi").Spec with { Resources = null, AccessModes = null } };

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Claims(ns), claim);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "spec.resources[storage]" && c.Message == "Required value");
        Assert.Contains(status.Details.Causes!, c => c.Field == "spec.accessModes" && c.Message == "Required value: at least 1 access mode is required");
    }

    [Fact]
    public async Task A_claim_may_be_bound_once_and_not_change_otherwise()
    {
        var ns = await NamespaceAsync();
        await api.Client.CreateAsync(Claims(ns), Claim("data", "1Gi"));
        var path = $"{Claims(ns)}/data";

        // Unbound, even its storage request is fixed.
        await AssertInvalidAsync(HttpMethod.Patch, path, new { spec = new { resources = new { requests = new { storage = "2Gi" } } } }, "spec",
            "Forbidden: " + PersistentVolumeClaimValidation.SpecImmutable);
        await AssertInvalidAsync(HttpMethod.Patch, path, new { spec = new { accessModes = new[] { "ReadWriteMany" } } }, "spec",
            "Forbidden: " + PersistentVolumeClaimValidation.SpecImmutable);

        var (code, named, _) = await api.Client.SendAsync<PersistentVolumeClaim>(HttpMethod.Patch, path,
            new { spec = new { volumeName = "pv-1" } }, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("pv-1", named!.Spec.VolumeName);
        await AssertInvalidAsync(HttpMethod.Patch, path, new { spec = new { volumeName = "pv-2" } }, "spec",
            "Forbidden: " + PersistentVolumeClaimValidation.SpecImmutable);
    }

    [Fact]
    public async Task A_bound_claim_grows_only_when_its_class_allows_expansion_and_never_shrinks()
    {
        var ns = await NamespaceAsync();
        var expandable = await api.Client.CreateAsync(Classes, new StorageClass
        {
            Metadata = new ObjectMeta { Name = Unique("grow") }, Provisioner = "example.com/grows", AllowVolumeExpansion = true,
        });
        var fixedSize = await api.Client.CreateAsync(Classes, new StorageClass { Metadata = new ObjectMeta { Name = Unique("fixed") }, Provisioner = "example.com/fixed" });
        foreach (var (name, storageClass) in new[] { ("grows", expandable.Metadata.Name), ("fixed", fixedSize.Metadata.Name), ("classless", "") })
        {
            await api.Client.CreateAsync(Claims(ns), Claim(name, "1Gi", storageClass));
            // Bound, as the binder would write it.
            var (bound, _, response) = await api.Client.SendAsync<PersistentVolumeClaim>(HttpMethod.Patch, $"{Claims(ns)}/{name}/status",
                new { status = new { phase = "Bound", capacity = new { storage = "1Gi" } } }, "application/merge-patch+json");
            Assert.True(bound == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
        object Size(string size) => new { spec = new { resources = new { requests = new { storage = size } } } };

        await AssertInvalidAsync(HttpMethod.Patch, $"{Claims(ns)}/grows", Size("512Mi"), "spec.resources.requests.storage",
            "Forbidden: " + PersistentVolumeClaimValidation.NoShrink);
        var (code, grown, _) = await api.Client.SendAsync<PersistentVolumeClaim>(HttpMethod.Patch, $"{Claims(ns)}/grows", Size("2Gi"), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("2Gi", grown!.Spec.Resources!.Requests!["storage"]);

        foreach (var name in new[] { "fixed", "classless" })
        {
            var events = await api.EventCountAsync();
            var (refused, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Claims(ns)}/{name}", Size("2Gi"), "application/merge-patch+json");
            Assert.Equal(HttpStatusCode.Forbidden, refused);
            Assert.Equal($"persistentvolumeclaims \"{name}\" is forbidden: {PersistentVolumeClaimDefinition.CannotResize}", status!.Message);
            Assert.Equal(events, await api.EventCountAsync());
        }
    }
}
