using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>Deployments at apps/v1 and ReplicationControllers at v1: stored with Kubernetes' defaults, and every
/// invalid spec refused with a Status naming the field, appending nothing.</summary>
public sealed class DeploymentApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";
    private const string ReplicationControllers = "/api/v1/namespaces/default/replicationcontrollers";

    private static Deployment NewDeployment(string name, DeploymentStrategy? strategy = null, Dictionary<string, string>? templateLabels = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new DeploymentSpec
        {
            Replicas = 3,
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = name } },
            Strategy = strategy,
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = templateLabels ?? new() { ["app"] = name } },
                Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest" }] },
            },
        },
    };

    [Fact]
    public async Task A_deployment_is_stored_with_kubernetes_defaults()
    {
        var (code, created, response) = await api.Client.SendAsync<Deployment>(HttpMethod.Post, Deployments, NewDeployment("defaults"));
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var spec = created!.Spec;
        Assert.Equal(DeploymentStrategyTypes.RollingUpdate, spec.Strategy!.Type);
        Assert.Equal(("25%", "25%"), (spec.Strategy.RollingUpdate!.MaxSurge.ToString(), spec.Strategy.RollingUpdate.MaxUnavailable.ToString()));
        Assert.Equal((10, 600, 0), (spec.RevisionHistoryLimit, spec.ProgressDeadlineSeconds, spec.MinReadySeconds));
        Assert.Equal("Always", spec.Template!.Spec.RestartPolicy);
    }

    [Theory]
    [InlineData("negative", "spec.replicas", "must be greater than or equal to 0")]
    [InlineData("mismatch", "spec.template.metadata.labels", "`selector` does not match template `labels`")]
    [InlineData("stalled", "spec.strategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0")]
    [InlineData("percent", "spec.strategy.rollingUpdate.maxSurge", "must be an integer or percentage (e.g '5%')")]
    public async Task An_invalid_deployment_is_refused_naming_the_field_and_appends_nothing(string name, string field, string message)
    {
        var d = name switch
        {
            "negative" => NewDeployment(name) with { Spec = NewDeployment(name).Spec with { Replicas = -2 } },
            "mismatch" => NewDeployment(name, templateLabels: new() { ["app"] = "other" }),
            "stalled" => NewDeployment(name, new DeploymentStrategy
            {
                Type = DeploymentStrategyTypes.RollingUpdate,
                RollingUpdate = new RollingUpdateDeployment { MaxSurge = 0, MaxUnavailable = 0 },
            }),
            _ => NewDeployment(name, new DeploymentStrategy
            {
                Type = DeploymentStrategyTypes.RollingUpdate,
                RollingUpdate = new RollingUpdateDeployment { MaxSurge = "x%", MaxUnavailable = 1 },
            }),
        };
        var before = await api.EventCountAsync();

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Deployments, d);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        var cause = Assert.Single(status!.Details!.Causes!, c => c.Field == field);
        Assert.Contains(message, cause.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_replication_controller_without_a_selector_or_template_labels_is_refused()
    {
        var rc = new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "bare" },
            Spec = new ReplicationControllerSpec
            {
                Replicas = -1,
                Template = new PodTemplateSpec { Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest" }] } },
            },
        };

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, ReplicationControllers, rc);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal(["spec.replicas", "spec.selector"], status!.Details!.Causes!.Select(c => c.Field).Order());
    }
}
