using System.Net;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>ReplicaSets at apps/v1: stored with defaults, validated as Kubernetes does, scaled by a spec change
/// that raises the generation, their status written through /status.</summary>
public sealed class ReplicaSetApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private const string ReplicaSets = "/apis/apps/v1/namespaces/default/replicasets";

    private static ReplicaSet NewReplicaSet(string name, int? replicas = 3, Dictionary<string, string>? templateLabels = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = templateLabels ?? new() { ["app"] = name, ["tier"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest", Command = ["httpd", "-f"] }] },
            },
        },
    };

    [Fact]
    public async Task A_replica_set_is_stored_with_defaults_and_served_at_apps_v1()
    {
        var (code, created, response) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Post, ReplicaSets, NewReplicaSet("web", replicas: null));
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        Assert.Equal("apps/v1", created!.ApiVersion);
        Assert.Equal(1, created.Spec.Replicas);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("Always", created.Spec.Template!.Spec.RestartPolicy);
        Assert.Equal("Always", created.Spec.Template.Spec.Containers[0].ImagePullPolicy);
        var (getCode, fetched, _) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Get, $"{ReplicaSets}/web");
        Assert.Equal(HttpStatusCode.OK, getCode);
        Assert.Equal(created.Metadata.Uid, fetched!.Metadata.Uid);
    }

    [Fact]
    public async Task Scaling_is_a_spec_change_that_raises_the_generation_and_the_status_goes_through_its_subresource()
    {
        await api.Client.SendAsync<ReplicaSet>(HttpMethod.Post, ReplicaSets, NewReplicaSet("scaled"));

        var (code, scaled, _) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Patch, $"{ReplicaSets}/scaled",
            new { spec = new { replicas = 5 } }, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(5, scaled!.Spec.Replicas);
        Assert.Equal(2, scaled.Metadata.Generation);

        var (statusCode, withStatus, _) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Put, $"{ReplicaSets}/scaled/status",
            scaled with { Status = new ReplicaSetStatus { Replicas = 5, ReadyReplicas = 4, AvailableReplicas = 4, ObservedGeneration = 2 } });
        Assert.Equal(HttpStatusCode.OK, statusCode);
        Assert.Equal(4, withStatus!.Status!.ReadyReplicas);
        Assert.Equal(2, withStatus.Metadata.Generation);
        // A main-resource update cannot change the status.
        var (_, updated, _) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Put, $"{ReplicaSets}/scaled",
            withStatus with { Status = new ReplicaSetStatus { Replicas = 99 } });
        Assert.Equal(5, updated!.Status!.Replicas);
    }

    [Theory]
    [InlineData("negative", "spec.replicas", "must be greater than or equal to 0")]
    [InlineData("mismatch", "spec.template.metadata.labels", "`selector` does not match template `labels`")]
    [InlineData("never", "spec.template.spec.restartPolicy", "Unsupported value: \"Never\"")]
    [InlineData("noselector", "spec.selector", "Required value")]
    public async Task An_invalid_replica_set_is_refused_naming_the_field_and_appends_nothing(string name, string field, string message)
    {
        var rs = NewReplicaSet(name);
        rs = name switch
        {
            "negative" => rs with { Spec = rs.Spec with { Replicas = -1 } },
            "mismatch" => NewReplicaSet(name, templateLabels: new() { ["app"] = "other" }),
            "never" => rs with { Spec = rs.Spec with { Template = rs.Spec.Template! with { Spec = rs.Spec.Template.Spec with { RestartPolicy = "Never" } } } },
            _ => rs with { Spec = rs.Spec with { Selector = null } },
        };
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ReplicaSets, rs);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        var cause = Assert.Single(status!.Details!.Causes!, c => c.Field == field);
        Assert.Contains(message, cause.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_status_update_naming_another_uid_is_refused_and_appends_nothing()
    {
        var (_, created, _) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Post, ReplicaSets, NewReplicaSet("recreated"));
        var before = await api.EventCountAsync();
        var stale = created! with
        {
            Metadata = created.Metadata with { Uid = Guid.NewGuid().ToString(), ResourceVersion = null },
            Status = new ReplicaSetStatus { Replicas = 1 },
        };

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Put, $"{ReplicaSets}/recreated/status", stale);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "metadata.uid" && c.Message!.Contains("field is immutable"));
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task The_selector_cannot_change()
    {
        var (_, created, _) = await api.Client.SendAsync<ReplicaSet>(HttpMethod.Post, ReplicaSets, NewReplicaSet("fixed"));

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Put, $"{ReplicaSets}/fixed", created! with
        {
            Spec = created.Spec with { Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "fixed", ["tier"] = "web" } } },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "spec.selector" && c.Message!.Contains("field is immutable"));
    }

    [Fact]
    public async Task Deleting_a_replica_set_appends_its_deleted_event()
    {
        await api.Client.SendAsync<ReplicaSet>(HttpMethod.Post, ReplicaSets, NewReplicaSet("gone"));
        var before = await api.EventCountAsync<ReplicaSetDeleted>();

        var (code, _, _) = await api.Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Delete, $"{ReplicaSets}/gone");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(before + 1, await api.EventCountAsync<ReplicaSetDeleted>());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync<Status>(HttpMethod.Get, $"{ReplicaSets}/gone")).Code);
    }

    [Fact]
    public async Task The_scale_subresource_reads_and_writes_the_replicas_and_nothing_else()
    {
        await api.Client.SendAsync<ReplicaSet>(HttpMethod.Post, ReplicaSets, NewReplicaSet("sc"));

        var (code, scale, _) = await api.Client.SendAsync<Scale>(HttpMethod.Get, $"{ReplicaSets}/sc/scale");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(("autoscaling/v1", "Scale", 3, "app=sc"), (scale!.ApiVersion, scale.Kind, scale.Spec.Replicas, scale.Status!.Selector));

        var (putCode, put, _) = await api.Client.SendAsync<Scale>(HttpMethod.Put, $"{ReplicaSets}/sc/scale", scale with { Spec = new ScaleSpec { Replicas = 4 } });
        Assert.Equal(HttpStatusCode.OK, putCode);
        Assert.Equal(4, put!.Spec.Replicas);
        var (patchCode, patched, _) = await api.Client.SendAsync<Scale>(HttpMethod.Patch, $"{ReplicaSets}/sc/scale",
            new { spec = new { replicas = 2 } }, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patchCode);
        Assert.Equal(2, patched!.Spec.Replicas);

        var rs = (await api.Client.SendAsync<ReplicaSet>(HttpMethod.Get, $"{ReplicaSets}/sc")).Body!;
        Assert.Equal((2, 3L), (rs.Spec.Replicas, rs.Metadata.Generation!.Value));

        var before = await api.EventCountAsync();
        var (negative, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Put, $"{ReplicaSets}/sc/scale", scale with { Spec = new ScaleSpec { Replicas = -1 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, negative);
        Assert.Equal("spec.replicas", Assert.Single(status!.Details!.Causes!).Field);
        var (stale, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Put, $"{ReplicaSets}/sc/scale", scale with { Spec = new ScaleSpec { Replicas = 7 } });
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal(before, await api.EventCountAsync());
    }
}
