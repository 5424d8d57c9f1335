using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.Kinds;

/// <summary>Folds ServiceAccount events into the object's current state.</summary>
public sealed class ServiceAccountEvolver : IObjectEvolver<ServiceAccount>
{
    public static ServiceAccountEvolver Instance { get; } = new();

    public ResourceKind Kind => ResourceKind.ServiceAccount;

    public IReadOnlyList<Type> EventTypes { get; } =
    [
        typeof(ServiceAccountCreated), typeof(ServiceAccountMetadataChanged), typeof(ServiceAccountChanged), typeof(ServiceAccountDeleted),
    ];

    public ServiceAccount? Apply(ServiceAccount? current, IObjectEvent @event, EventPosition position) => @event switch
    {
        ServiceAccountCreated e => e.ServiceAccount with { Metadata = e.ServiceAccount.Metadata.At(position) },
        ServiceAccountDeleted => null,
        _ when current is null => null,
        ServiceAccountMetadataChanged e => current with { Metadata = current.Metadata.With(e.Changes).At(position) },
        ServiceAccountChanged e => current with
        {
            Secrets = e.Secrets,
            ImagePullSecrets = e.ImagePullSecrets,
            AutomountServiceAccountToken = e.AutomountServiceAccountToken,
            Metadata = current.Metadata.At(position),
        },
        _ => current,
    };
}
