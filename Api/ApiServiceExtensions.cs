using EventOrch.Api.Admission;
using EventOrch.Api.Audit;
using EventOrch.Api.Authentication;
using EventOrch.Api.Authorization;
using EventOrch.Api.Authorization.Rbac;
using EventOrch.Api.Endpoints;
using EventOrch.Api.Bootstrap;
using EventOrch.Api.Discovery;
using EventOrch.Api.Health;
using EventOrch.Api.KubeEvents;
using EventOrch.Api.Leases;
using EventOrch.Api.Metrics;
using EventOrch.Api.OpenApi;
using EventOrch.Api.RateLimiting;
using EventOrch.Api.Refusals;
using EventOrch.Api.Relay;
using EventOrch.Api.Replays;
using EventOrch.Api.Resources;
using EventOrch.Api.ServiceAccounts;
using EventOrch.Api.Storage;
using EventOrch.Api.Tables;
using EventOrch.Api.Watch;
using EventOrch.Api.Webhooks;
using EventOrch.ClientRuntime.Bus;
using EventOrch.Contracts.Model;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EventOrch.Api;

/// <summary>Everything the Api host registers.</summary>
public static class ApiServiceExtensions
{
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<EventStoreOptions>().BindConfiguration(EventStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // One pool for the event store and the lease table, bounded so several hosts fit PostgreSQL's connection limit.
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<IOptions<EventStoreOptions>>().Value;
            return new Npgsql.NpgsqlDataSourceBuilder(store.ConnectionString) { ConnectionStringBuilder = { MaxPoolSize = store.MaxPoolSize } }.Build();
        });
        services.AddMarten(sp =>
            {
                var options = new StoreOptions();
                MartenSetup.Configure(options, sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<IOptions<EventStoreOptions>>().Value.Schema,
                    sp.GetService<ILoggerFactory>());
                return options;
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<EventRelay>(ServiceLifetime.Singleton)
            .AddSubscriptionWithServices<Webhooks.Routing.WebhookRouter>(ServiceLifetime.Singleton);
        builder.AddEventOrchBus();

        services.AddKind<Namespace, NamespaceDefinition>(namespaced: false);
        services.AddKind<Pod, PodDefinition>(namespaced: true);
        services.AddKind<Node, NodeDefinition>(namespaced: false);
        services.AddKind<ReplicaSet, ReplicaSetDefinition>(namespaced: true);
        services.AddKind<ReplicationController, ReplicationControllerDefinition>(namespaced: true);
        services.AddKind<Deployment, DeploymentDefinition>(namespaced: true);
        services.AddKind<StatefulSet, StatefulSetDefinition>(namespaced: true);
        services.AddKind<Service, ServiceDefinition>(namespaced: true);
        services.AddKind<Ingress, IngressDefinition>(namespaced: true);
        services.AddKind<HorizontalPodAutoscaler, HorizontalPodAutoscalerDefinition>(namespaced: true);
        services.AddKind<Contracts.Model.Endpoints, EndpointsDefinition>(namespaced: true);
        services.AddKind<ConfigMap, ConfigMapDefinition>(namespaced: true);
        services.AddKind<Secret, SecretDefinition>(namespaced: true);
        services.AddOptions<Secrets.EncryptionOptions>().BindConfiguration(Secrets.EncryptionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Secrets.EncryptionOptions>, Secrets.EncryptionOptionsValidator>();
        services.AddSingleton<Secrets.EncryptionKeyRing>();
        services.AddKind<WebhookSubscription, WebhookSubscriptionDefinition>(namespaced: false);
        services.AddKind<ServiceAccount, ServiceAccountDefinition>(namespaced: true);
        services.AddServiceAccountTokens();
        services.AddKind<ResourceQuota, ResourceQuotaDefinition>(namespaced: true);
        services.AddKind<LimitRange, LimitRangeDefinition>(namespaced: true);
        services.AddKind<StorageClass, StorageClassDefinition>(namespaced: false);
        services.AddKind<PersistentVolume, PersistentVolumeDefinition>(namespaced: false);
        services.AddKind<PersistentVolumeClaim, PersistentVolumeClaimDefinition>(namespaced: true);
        services.AddKind<VolumeAttachment, VolumeAttachmentDefinition>(namespaced: false);
        services.AddWriteAdmission();
        services.AddKind<Contracts.Model.Rbac.Role, Resources.Rbac.RoleDefinition>(namespaced: true);
        services.AddKind<Contracts.Model.Rbac.ClusterRole, Resources.Rbac.ClusterRoleDefinition>(namespaced: false);
        services.AddKind<Contracts.Model.Rbac.RoleBinding, Resources.Rbac.RoleBindingDefinition>(namespaced: true);
        services.AddKind<Contracts.Model.Rbac.ClusterRoleBinding, Resources.Rbac.ClusterRoleBindingDefinition>(namespaced: false);
        services.AddWebhooks();
        services.AddSingleton<LeaseStore>();
        services.AddMetricsPipeline();
        services.AddRefusalLog();
        services.AddUserRateLimits();
        services.AddKubeEvents();
        services.AddAudit();
        services.AddReplays();
        services.AddSingleton<ApiResourceRegistry>();
        services.AddSingleton<DiscoveryDocuments>();
        services.AddSingleton<OpenApiDocuments>();
        services.AddTables();
        services.AddWatchCache();
        // Log requests relayed to node agents; a followed log streams for as long as the caller reads it.
        services.AddHttpClient("agents", c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(Dashboard.WatchMultiplexer.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHostedService<ApiBootstrap>();

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TokenFile>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddRbac();

        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgresql", tags: [SystemEndpoints.ReadyTag]);
        return builder;
    }

    private static void AddKind<T, TDefinition>(this IServiceCollection services, bool namespaced)
        where T : class, IKubeObject where TDefinition : ResourceDefinition<T>
    {
        services.AddSingleton<ResourceDefinition<T>, TDefinition>();
        services.AddSingleton<ObjectQueries<T>>();
        services.AddSingleton<ObjectStore<T>>();
        services.AddSingleton<WatchedKind<T>>();
        services.AddSingleton<IWatchedKind>(sp => sp.GetRequiredService<WatchedKind<T>>());
        if (namespaced) services.AddSingleton<INamespaceContents>(sp => sp.GetRequiredService<ObjectStore<T>>());
    }
}
