using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Workloads;

/// <summary>persistentVolumeClaimRetentionPolicy through ownerReferences, as Kubernetes does it: whenDeleted Delete makes
/// the set an owner of each claim it creates (the garbage collector deletes the claims with the set); whenScaled Delete
/// makes a member about to be scaled away the claims' only owner (they go with it). Retain leaves the claims unowned.</summary>
public static class StatefulSetClaimRetention
{
    /// <summary>The claim as created: owned by the set when whenDeleted is Delete.</summary>
    public static PersistentVolumeClaim WithSetOwner(StatefulSet set, PersistentVolumeClaim claim) =>
        set.Spec.PersistentVolumeClaimRetentionPolicy?.WhenDeleted != StatefulSetConventions.Delete ? claim
            : claim with { Metadata = claim.Metadata with { OwnerReferences = [Reference(set)] } };

    /// <summary>Makes <paramref name="member"/> the only owner of its claims (those that exist), before it is scaled away.</summary>
    public static async Task GiveToMemberAsync(StatefulSet set, Pod member, Func<string, PersistentVolumeClaim?> cached, KubeApiClient api,
        CancellationToken cancellationToken)
    {
        if (StatefulSetIdentity.OrdinalOf(set, member.Metadata.Name) is not { } ordinal) return;
        foreach (var wanted in StatefulSetIdentity.Claims(set, ordinal))
        {
            if (cached(wanted.Metadata.Name!) is not { } claim || claim.Metadata.DeletionTimestamp is not null) continue;
            var references = (claim.Metadata.OwnerReferences ?? []).Where(r => r.Uid != set.Metadata.Uid && r.Uid != member.Metadata.Uid).ToList();
            references.Add(Reference(member));
            try
            {
                await api.ReplaceAsync(ResourceKind.PersistentVolumeClaim, claim with { Metadata = claim.Metadata with { OwnerReferences = references } },
                    cancellationToken);
            }
            catch (ApiException ex) when (ex.IsNotFound)
            {
            }
        }
    }

    private static OwnerReference Reference(IKubeObject owner) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Name = owner.Metadata.Name!,
        Uid = owner.Metadata.Uid!,
    };
}
