using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>StatefulSets at apps/v1 over REST: stored with Kubernetes' defaults, every invalid spec and every change to
/// a field Kubernetes keeps fixed refused with a Status naming the field (nothing appended), scaled through /scale,
/// reported through /status, and given the history, why and asOf reads every stored kind gets.</summary>
public sealed class StatefulSetApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private static string StatefulSets(string ns) => $"/apis/apps/v1/namespaces/{ns}/statefulsets";

    private static StatefulSet NewStatefulSet(string name, int? replicas = 2) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = name,
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                Spec = new PodSpec
                {
                    Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest", VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }] }],
                },
            },
            VolumeClaimTemplates =
            [
                new PersistentVolumeClaim
                {
                    Metadata = new ObjectMeta { Name = "data" },
                    Spec = new PersistentVolumeClaimSpec
                    {
                        AccessModes = ["ReadWriteOnce"],
                        StorageClassName = "local",
                        Resources = new ResourceRequirements { Requests = new() { ["storage"] = "1Gi" } },
                    },
                },
            ],
        },
    };

    private async Task<StatefulSet> CreateAsync(string ns, StatefulSet sts)
    {
        var (code, created, response) = await api.Client.SendAsync<StatefulSet>(HttpMethod.Post, StatefulSets(ns), sts);
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return created!;
    }

    [Fact]
    public async Task A_statefulset_is_stored_with_kubernetes_defaults_and_listed()
    {
        var ns = await api.Client.CreateNamespaceAsync("sts");

        var created = await CreateAsync(ns, NewStatefulSet("web", replicas: null));

        var spec = created.Spec;
        Assert.Equal((1, "OrderedReady", "RollingUpdate", 0, 10), (spec.Replicas!.Value, spec.PodManagementPolicy, spec.UpdateStrategy!.Type,
            spec.UpdateStrategy.RollingUpdate!.Partition!.Value, spec.RevisionHistoryLimit!.Value));
        Assert.Equal(("Retain", "Retain"), (spec.PersistentVolumeClaimRetentionPolicy!.WhenDeleted, spec.PersistentVolumeClaimRetentionPolicy.WhenScaled));
        var claim = Assert.Single(spec.VolumeClaimTemplates!);
        Assert.Equal(("v1", "PersistentVolumeClaim", "Filesystem", "1Gi"), (claim.ApiVersion, claim.Kind, claim.Spec.VolumeMode, claim.Spec.Resources!.Requests!["storage"]));
        Assert.Equal(("Always", 1L), (spec.Template!.Spec.RestartPolicy, created.Metadata.Generation!.Value));
        var (_, list, _) = await api.Client.SendAsync<ObjectList<StatefulSet>>(HttpMethod.Get, StatefulSets(ns));
        Assert.Equal(["web"], list!.Items.Select(s => s.Metadata.Name));
    }

    [Theory]
    [InlineData("web.v1", "metadata.name", "must not contain dots")]
    [InlineData("policy", "spec.podManagementPolicy", "must be 'OrderedReady' or 'Parallel'")]
    [InlineData("partition", "spec.updateStrategy.rollingUpdate.partition", "must be greater than or equal to 0")]
    [InlineData("retention", "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", "supported values: \"Retain\", \"Delete\"")]
    [InlineData("mismatch", "spec.template.metadata.labels", "`selector` does not match template `labels`")]
    [InlineData("ordinals", "spec.ordinals.start", "must be greater than or equal to 0")]
    public async Task An_invalid_statefulset_is_refused_naming_the_field_and_appends_nothing(string name, string field, string message)
    {
        var ns = await api.Client.CreateNamespaceAsync("sts");
        var sts = NewStatefulSet(name == "web.v1" ? "web" : name);
        sts = name switch
        {
            "web.v1" => sts with { Metadata = new ObjectMeta { Name = "web.v1" } },
            "policy" => sts with { Spec = sts.Spec with { PodManagementPolicy = "Random" } },
            "partition" => sts with { Spec = sts.Spec with { UpdateStrategy = new() { Type = "RollingUpdate", RollingUpdate = new() { Partition = -1 } } } },
            "retention" => sts with { Spec = sts.Spec with { PersistentVolumeClaimRetentionPolicy = new() { WhenDeleted = "Keep" } } },
            "mismatch" => sts with { Spec = sts.Spec with { Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "other" } } } },
            _ => sts with { Spec = sts.Spec with { Ordinals = new StatefulSetOrdinals { Start = -1 } } },
        };
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, StatefulSets(ns), sts);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        var cause = Assert.Single(status!.Details!.Causes!, c => c.Field == field);
        Assert.Contains(message, cause.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Changing_the_service_name_or_a_claim_template_is_forbidden_and_changes_nothing_but_a_template_change_is_a_new_generation()
    {
        var ns = await api.Client.CreateNamespaceAsync("sts");
        var created = await CreateAsync(ns, NewStatefulSet("db"));
        var path = $"{StatefulSets(ns)}/db";
        var before = await api.EventCountAsync();

        var (renamed, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, path, new { spec = new { serviceName = "other" } }, "application/merge-patch+json");
        var (regrown, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Put, path, created with
        {
            Spec = created.Spec with { VolumeClaimTemplates = [created.Spec.VolumeClaimTemplates![0] with { Spec = created.Spec.VolumeClaimTemplates[0].Spec with { StorageClassName = "fast" } }] },
        });

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (renamed, regrown));
        Assert.Equal("StatefulSet \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', " +
            "'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden", status!.Message);
        Assert.Equal("spec", Assert.Single(status.Details!.Causes!).Field);
        Assert.Equal(before, await api.EventCountAsync());

        var (code, _, response) = await api.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Patch, path,
            """{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null},"minReadySeconds":5}}""", "application/merge-patch+json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(code == HttpStatusCode.OK, body);
        var updated = System.Text.Json.JsonSerializer.Deserialize<StatefulSet>(body, Contracts.Serialization.KubeJson.Options);
        Assert.Equal(("OnDelete", 5, 2L), (updated!.Spec.UpdateStrategy!.Type, updated.Spec.MinReadySeconds!.Value, updated.Metadata.Generation!.Value));
        Assert.Equal(before + 1, await api.EventCountAsync());
    }

    [Fact]
    public async Task The_scale_subresource_reads_and_sets_the_replicas_and_the_status_subresource_takes_the_controllers_counts()
    {
        var ns = await api.Client.CreateNamespaceAsync("sts");
        await CreateAsync(ns, NewStatefulSet("web"));
        var path = $"{StatefulSets(ns)}/web";

        var (code, scale, response) = await api.Client.SendAsync<Scale>(HttpMethod.Patch, $"{path}/scale", new { spec = new { replicas = 3 } }, "application/merge-patch+json");
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal((3, "app=web"), (scale!.Spec.Replicas, scale.Status!.Selector));

        var (_, current, _) = await api.Client.SendAsync<StatefulSet>(HttpMethod.Get, path);
        Assert.Equal(3, current!.Spec.Replicas);
        var reported = current with
        {
            Status = new StatefulSetStatus { ObservedGeneration = 2, Replicas = 3, ReadyReplicas = 2, AvailableReplicas = 2, CurrentReplicas = 3, UpdatedReplicas = 3,
                CurrentRevision = "web-5d8f", UpdateRevision = "web-5d8f", CollisionCount = 0 },
        };
        var (statusCode, withStatus, statusResponse) = await api.Client.SendAsync<StatefulSet>(HttpMethod.Put, $"{path}/status", reported);
        Assert.True(statusCode == HttpStatusCode.OK, await statusResponse.Content.ReadAsStringAsync());
        Assert.Equal((2, "web-5d8f", 2L), (withStatus!.Status!.ReadyReplicas!.Value, withStatus.Status.UpdateRevision, withStatus.Metadata.Generation!.Value));

        var (refused, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Put, $"{path}/status",
            withStatus with { Status = withStatus.Status with { ReadyReplicas = 4 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "status.readyReplicas" && c.Message!.Contains("cannot be greater than status.replicas"));
    }

    [Fact]
    public async Task History_why_and_as_of_work_for_a_statefulset()
    {
        var ns = await api.Client.CreateNamespaceAsync("sts");
        var created = await CreateAsync(ns, NewStatefulSet("web"));
        var path = $"{StatefulSets(ns)}/web";
        var (scaled, _, _) = await api.Client.SendAsync<Scale>(HttpMethod.Patch, $"{path}/scale", new { spec = new { replicas = 4 } }, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, scaled);
        using (var deleted = await api.Client.DeleteAsync(path)) Assert.True(deleted.IsSuccessStatusCode);

        var (historyCode, history, historyResponse) = await api.Client.SendAsync<ObjectHistory>(HttpMethod.Get, $"{path}/history");
        Assert.True(historyCode == HttpStatusCode.OK, await historyResponse.Content.ReadAsStringAsync());
        Assert.Equal(["StatefulSetCreated", "StatefulSetSpecChanged", "StatefulSetDeleted"], history!.Events.Select(e => e.Type));
        Assert.Contains(history.Events[1].Changes, c => c.Path == "spec.replicas");

        var (whyCode, why, whyResponse) = await api.Client.SendAsync<CausalChain>(HttpMethod.Get, $"{path}/why?resourceVersion={created.Metadata.ResourceVersion}");
        Assert.True(whyCode == HttpStatusCode.OK, await whyResponse.Content.ReadAsStringAsync());
        Assert.Equal(("StatefulSetCreated", CausalRoots.UserRequest), (Assert.Single(why!.Steps).Type, why.Root));

        var (asOfCode, asOf, asOfResponse) = await api.Client.SendAsync<StatefulSet>(HttpMethod.Get, $"{path}?asOf={created.Metadata.ResourceVersion}");
        Assert.True(asOfCode == HttpStatusCode.OK, await asOfResponse.Content.ReadAsStringAsync());
        Assert.Equal((2, created.Metadata.Uid), (asOf!.Spec.Replicas!.Value, asOf.Metadata.Uid));
    }

    [Fact]
    public async Task Discovery_serves_statefulsets_with_their_short_name_category_and_subresources()
    {
        var (_, body, _) = await api.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Get, "/apis/apps/v1");

        var resources = body!["resources"]!.AsArray().Select(r => r!).ToList();
        var sts = resources.Single(r => r["name"]!.GetValue<string>() == "statefulsets");
        Assert.Equal(("StatefulSet", true), (sts["kind"]!.GetValue<string>(), sts["namespaced"]!.GetValue<bool>()));
        Assert.Equal(["sts"], sts["shortNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["all"], sts["categories"]!.AsArray().Select(n => n!.GetValue<string>()));
        var names = resources.Select(r => r["name"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "statefulsets/scale", "statefulsets/status", "statefulsets/history", "statefulsets/why" }, names);
        Assert.Equal("Scale", resources.Single(r => r["name"]!.GetValue<string>() == "statefulsets/scale")["kind"]!.GetValue<string>());
    }
}
