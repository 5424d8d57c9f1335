using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Quota;

/// <summary>A quota a write is charged to, with the usage it has once the write is in.</summary>
public sealed record QuotaCharge(ResourceQuota Quota, Dictionary<string, string> Used);

/// <summary>What quota admission decides of a write: refused with a message (the part after
/// <c>pods "x" is forbidden: </c>), or allowed with the charges to make in the write's transaction.</summary>
public sealed record QuotaDecision(string? Refusal, IReadOnlyList<QuotaCharge> Charges)
{
    public static QuotaDecision Allowed { get; } = new(null, []);

    public static QuotaDecision Refused(string message) => new(message, []);
}

/// <summary>Kubernetes' ResourceQuota admission (checkRequest), pure: given the namespace's quotas and a create or
/// update of one object, whether it fits, and the usage each quota has with it.</summary>
public static class QuotaCheck
{
    /// <summary>Which writes quota looks at: every create of a kind it measures, updates of Services (whose type and
    /// ports change their node ports) and of claims (whose storage request may grow); a pod's resources cannot change,
    /// and object counts change only on create.</summary>
    public static bool Handles(ResourceKind kind, bool update) => !update || kind == ResourceKind.Service || kind == ResourceKind.PersistentVolumeClaim;

    public static QuotaDecision Evaluate(ResourceKind kind, IKubeObject? old, IKubeObject obj, IEnumerable<ResourceQuota> quotas, DateTimeOffset now)
    {
        if (!Handles(kind, old is not null)) return QuotaDecision.Allowed;
        var interesting = new List<ResourceQuota>();
        foreach (var quota in quotas.OrderBy(q => q.Metadata.Name, StringComparer.Ordinal))
        {
            var restricted = (quota.Status?.Hard?.Keys ?? Enumerable.Empty<string>())
                .Where(r => QuotaResources.MeasuredOn(r) == kind).Order(StringComparer.Ordinal).ToList();
            if (restricted.Count == 0) continue;
            if (old is null && obj is Pod pod && MissingCompute(pod, restricted) is { } missing)
                return QuotaDecision.Refused($"failed quota: {quota.Metadata.Name}: {missing}");
            var unknown = restricted.Where(r => quota.Status?.Used?.ContainsKey(r) != true).ToList();
            if (unknown.Count > 0)
                return QuotaDecision.Refused($"status unknown for quota: {quota.Metadata.Name}, resources: {string.Join(",", unknown)}");
            interesting.Add(quota);
        }
        if (interesting.Count == 0) return QuotaDecision.Allowed;

        var delta = QuotaUsage.Of(kind, obj, now);
        var negative = delta.Where(p => p.Value.Sign < 0).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        if (negative.Count > 0) return QuotaDecision.Refused($"quota usage is negative for resource(s): {string.Join(",", negative)}");
        if (old is not null) delta = ResourceList.SubtractNonNegative(delta, QuotaUsage.Of(kind, old, now));
        delta = ResourceList.WithoutZeros(delta);
        if (delta.Count == 0) return QuotaDecision.Allowed;

        var charges = new List<QuotaCharge>();
        foreach (var quota in interesting)
        {
            var hard = ResourceList.Parse(quota.Status!.Hard);
            var used = ResourceList.Parse(quota.Status.Used);
            var requested = ResourceList.Mask(delta, hard.Keys);
            if (requested.Count == 0) continue;
            var newUsage = ResourceList.Add(used, requested);
            var exceeded = requested.Keys.Where(r => newUsage[r] > hard[r]).ToList();
            if (exceeded.Count > 0)
            {
                return QuotaDecision.Refused($"exceeded quota: {quota.Metadata.Name}, requested: {ResourceList.Print(ResourceList.Mask(requested, exceeded))}, " +
                    $"used: {ResourceList.Print(ResourceList.Mask(used, exceeded))}, limited: {ResourceList.Print(ResourceList.Mask(hard, exceeded))}");
            }
            charges.Add(new QuotaCharge(quota, ResourceList.Format(newUsage)));
        }
        return new QuotaDecision(null, charges);
    }

    /// <summary>Kubernetes' pod evaluator constraint: when a quota constrains cpu or memory (requests or limits), every
    /// container must set them. <c>must specify limits.cpu for: a,b; requests.memory for: a</c>, or null.</summary>
    public static string? MissingCompute(Pod pod, IEnumerable<string> restricted)
    {
        var required = restricted.Where(QuotaResources.MustBeSpecified.Contains).ToHashSet(StringComparer.Ordinal);
        if (required.Count == 0) return null;
        var missing = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var container in pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []))
        {
            var has = QuotaUsage.ComputeUsage(ResourceList.Parse(container.Resources?.Requests), ResourceList.Parse(container.Resources?.Limits)).Keys;
            foreach (var resource in required.Except(has))
            {
                if (!missing.TryGetValue(resource, out var names)) missing[resource] = names = new SortedSet<string>(StringComparer.Ordinal);
                names.Add(container.Name);
            }
        }
        return missing.Count == 0 ? null : "must specify " + string.Join("; ", missing.Select(m => $"{m.Key} for: {string.Join(",", m.Value)}"));
    }

    /// <summary>The status a quota has with these hard limits: <paramref name="hard"/> itself, and the usage it had of each
    /// resource it still constrains, counted afresh by <paramref name="recount"/> for the ones it did not track.</summary>
    public static ResourceQuotaStatus StatusFor(IReadOnlyDictionary<string, string>? hard, ResourceQuotaStatus? current,
        Func<IReadOnlyList<string>, Dictionary<string, Quantity>> recount)
    {
        var names = (hard?.Keys ?? Enumerable.Empty<string>()).ToList();
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        var untracked = new List<string>();
        foreach (var name in names)
        {
            if (current?.Used?.TryGetValue(name, out var value) == true) used[name] = value;
            else untracked.Add(name);
        }
        if (untracked.Count > 0)
        {
            foreach (var (name, quantity) in recount(untracked)) used[name] = quantity.ToString();
        }
        return new ResourceQuotaStatus
        {
            Hard = hard is null ? null : new Dictionary<string, string>(hard, StringComparer.Ordinal),
            Used = names.Count == 0 ? null : used,
        };
    }
}
