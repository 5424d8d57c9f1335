using EventOrch.Api.Authentication;
using EventOrch.Api.Audit;
using EventOrch.Api.Authorization.Reviews;
using EventOrch.Api.Dashboard;
using EventOrch.Api.Endpoints;
using EventOrch.Api.KubeEvents;
using EventOrch.Api.Metrics;
using EventOrch.Api.Refusals;
using EventOrch.Api.Replays;
using EventOrch.Api.Requests;
using EventOrch.Api.Versions;
using EventOrch.Api.Webhooks.DeadLetters;
using EventOrch.Contracts.Model;

namespace EventOrch.Api;

/// <summary>Builds the Api host; Program.cs runs it, and tests start it in-process on a free port.</summary>
public static class ApiApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddApiServices();

        var app = builder.Build();
        app.UseExceptionHandler(error => error.Run(context => KubeResults.Error(new Status
        {
            Code = 500,
            Reason = StatusReasons.InternalError,
            Message = $"an internal error occurred; see the Api log for request {context.RequestId()}",
        }).ExecuteAsync(context)));
        app.UseUnservedStatus();
        app.UseRequestIds();
        app.UseDashboardFiles();
        app.UseDryRunValidation();
        app.UseRefusalLog();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapSystemEndpoints();
        app.MapDiscovery();
        app.MapOpenApi();
        app.MapResource<Namespace>();
        app.MapNamespaceFinalize();
        app.MapResource<Pod>();
        app.MapPodBinding();
        app.MapPodEviction();
        app.MapPodLogs();
        app.MapResource<Node>();
        app.MapResource<ReplicaSet>();
        app.MapScale<ReplicaSet>();
        app.MapResource<ReplicationController>();
        app.MapScale<ReplicationController>();
        app.MapResource<Deployment>();
        app.MapScale<Deployment>();
        app.MapResource<StatefulSet>();
        app.MapScale<StatefulSet>();
        app.MapResource<Service>();
        app.MapResource<Contracts.Model.Endpoints>();
        app.MapResource<Ingress>();
        app.MapResource<HorizontalPodAutoscaler>();
        app.MapVersion(new HorizontalPodAutoscalerV1View());
        app.MapResource<ConfigMap>();
        app.MapResource<ResourceQuota>();
        app.MapResource<LimitRange>();
        app.MapResource<StorageClass>();
        app.MapResource<PersistentVolume>();
        app.MapResource<PersistentVolumeClaim>();
        app.MapResource<VolumeAttachment>();
        app.MapResource<Secret>();
        app.MapResource<WebhookSubscription>();
        app.MapResource<ServiceAccount>();
        app.MapServiceAccountToken();
        app.MapWebhookDeadLetters();
        app.MapLeases();
        app.MapMetrics();
        app.MapUnserved();
        app.MapKubeEvents();
        app.MapAudit();
        app.MapRefusals();
        app.MapReplays();
        app.MapResource<Contracts.Model.Rbac.Role>();
        app.MapResource<Contracts.Model.Rbac.ClusterRole>();
        app.MapResource<Contracts.Model.Rbac.RoleBinding>();
        app.MapResource<Contracts.Model.Rbac.ClusterRoleBinding>();
        app.MapAccessReviews();
        app.MapSelfSubjectReviews();
        app.MapDashboard();
        return app;
    }
}
