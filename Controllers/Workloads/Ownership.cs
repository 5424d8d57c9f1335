using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Controllers.Workloads;

/// <summary>client-go's controller reference manager: which dependents an owner controls, adopting the matching
/// orphans and releasing those whose labels stopped matching, always through the Api.</summary>
public static class Ownership
{
    public static OwnerReference? ControllerOf(IKubeObject obj) => obj.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    public static bool IsControlledBy(IKubeObject obj, ResourceKind ownerKind) =>
        ControllerOf(obj) is { } owner && owner.Kind == ownerKind.Kind && owner.ApiVersion == ownerKind.ApiVersion;

    public static OwnerReference ControllerReference(IKubeObject owner) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Name = owner.Metadata.Name!,
        Uid = owner.Metadata.Uid!,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>The owners of <paramref name="orphan"/>'s namespace whose selector matches it: those that may adopt it.</summary>
    public static IEnumerable<TOwner> MayAdopt<TOwner>(IEnumerable<TOwner> owners, IKubeObject orphan, Func<TOwner, LabelSelector> selectorOf)
        where TOwner : IKubeObject =>
        owners.Where(o => o.Metadata.Namespace == orphan.Metadata.Namespace && selectorOf(o) is { IsEverything: false } selector
            && selector.Matches(orphan.Metadata.Labels));

    /// <summary>The dependents <paramref name="owner"/> controls after adopting matching orphans and releasing the
    /// ones that stopped matching. A dependent being deleted is neither adopted nor released; an owner being deleted
    /// adopts nothing.</summary>
    public static async Task<List<TDependent>> ClaimAsync<TDependent>(IKubeObject owner, LabelSelector selector, IEnumerable<TDependent> candidates,
        ResourceKind dependentKind, Func<TDependent, ObjectMeta, TDependent> withMetadata, KubeApiClient api, Action<string, string>? log,
        CancellationToken cancellationToken) where TDependent : class, IKubeObject
    {
        var uid = owner.Metadata.Uid!;
        var owned = new List<TDependent>();
        foreach (var dependent in candidates)
        {
            var controller = ControllerOf(dependent);
            var matches = selector.Matches(dependent.Metadata.Labels);
            if (controller?.Uid == uid)
            {
                if (matches) owned.Add(dependent);
                else if (dependent.Metadata.DeletionTimestamp is null)
                    await SetControllerAsync(owner, dependent, dependentKind, withMetadata, adopt: false, api, log, cancellationToken);
            }
            else if (controller is null && matches && dependent.Metadata.DeletionTimestamp is null && owner.Metadata.DeletionTimestamp is null)
            {
                if (await SetControllerAsync(owner, dependent, dependentKind, withMetadata, adopt: true, api, log, cancellationToken) is { } adopted)
                    owned.Add(adopted);
            }
        }
        return owned;
    }

    private static async Task<TDependent?> SetControllerAsync<TDependent>(IKubeObject owner, TDependent dependent, ResourceKind kind,
        Func<TDependent, ObjectMeta, TDependent> withMetadata, bool adopt, KubeApiClient api, Action<string, string>? log,
        CancellationToken cancellationToken) where TDependent : class, IKubeObject
    {
        var references = (dependent.Metadata.OwnerReferences ?? []).Where(r => r.Uid != owner.Metadata.Uid).ToList();
        if (adopt) references.Add(ControllerReference(owner));
        try
        {
            // With the resourceVersion the informer showed: a dependent changed meanwhile is a conflict, retried on fresh state.
            var updated = await api.ReplaceAsync(kind,
                withMetadata(dependent, dependent.Metadata with { OwnerReferences = references.Count == 0 ? null : references }), cancellationToken);
            log?.Invoke(adopt ? "adopted" : "released", $"{kind.Singular} {dependent.Metadata.Name}");
            return updated;
        }
        catch (ApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }
}
