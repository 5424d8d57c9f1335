using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Informers;
using EventOrch.ClientRuntime.LeaderElection;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Storage;

/// <summary>Makes sure EventOrch's two StorageClasses exist each time this host becomes the leader: <c>local</c> (a Docker
/// volume on one node; the default class; WaitForFirstConsumer so the volume is made where the pod is scheduled) and
/// <c>shared</c> (a directory under the shared root; Immediate). A class that exists is never changed: an
/// administrator's edits and deletions of the default marker stand.</summary>
public sealed partial class DefaultStorageClasses(LeaderElector leader, Informer<StorageClass> classes, KubeApiClient api, TimeProvider time, ILogger<DefaultStorageClasses> logger)
    : BackgroundService
{
    public const string Local = "local";
    public const string Shared = "shared";

    public static IReadOnlyList<StorageClass> Classes { get; } =
    [
        new StorageClass
        {
            Metadata = new ObjectMeta { Name = Local, Annotations = new() { [StorageClasses.IsDefaultClassAnnotation] = "true" } },
            Provisioner = StorageClasses.LocalProvisioner,
            ReclaimPolicy = StorageClasses.ReclaimDelete,
            VolumeBindingMode = StorageClasses.BindingWaitForFirstConsumer,
            AllowVolumeExpansion = true,
        },
        new StorageClass
        {
            Metadata = new ObjectMeta { Name = Shared },
            Provisioner = StorageClasses.SharedProvisioner,
            ReclaimPolicy = StorageClasses.ReclaimDelete,
            VolumeBindingMode = StorageClasses.BindingImmediate,
            AllowVolumeExpansion = true,
        },
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After the class informer has listed: a class created while it lists could be missed by the binder's cache.
        await classes.WaitForSyncAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await leader.WaitForLeadershipAsync(stoppingToken);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leader.LeadingToken);
            try
            {
                await EnsureAsync(leading.Token);
                // Once per term of leadership.
                await Task.Delay(Timeout.InfiniteTimeSpan, time, leading.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        foreach (var storageClass in Classes)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (await api.GetAsync<StorageClass>(ResourceKind.StorageClass, null, storageClass.Metadata.Name!, cancellationToken) is null)
                    {
                        await api.CreateAsync(ResourceKind.StorageClass, storageClass, cancellationToken);
                        LogCreated(storageClass.Metadata.Name!);
                    }
                    break;
                }
                catch (ApiException ex) when (ex.IsConflict)
                {
                    // Created meanwhile by someone else (409 AlreadyExists): it stands.
                    break;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ApiRetry.IsTransient(ex) || ex is ApiException))
                {
                    LogFailed(ex, storageClass.Metadata.Name!);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), time, cancellationToken);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1120, Level = LogLevel.Information, Message = "created the StorageClass {Name}")]
    private partial void LogCreated(string name);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "could not make sure the StorageClass {Name} exists; trying again")]
    private partial void LogFailed(Exception exception, string name);
}
