using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Defaulting;

/// <summary>The names of the pod QoS classes.</summary>
public static class QosClasses
{
    public const string Guaranteed = "Guaranteed";
    public const string Burstable = "Burstable";
    public const string BestEffort = "BestEffort";
}

/// <summary>Computes a pod's QoS class from its cpu and memory requests and limits, as Kubernetes' ComputePodQOS.</summary>
public static class PodQos
{
    private static readonly string[] ComputeResources = ["cpu", "memory"];

    /// <summary>The QoS class of a defaulted spec (requests already defaulted to limits).</summary>
    public static string ClassOf(PodSpec spec)
    {
        var requests = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var limits = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var guaranteed = true;
        foreach (var container in spec.Containers.Concat(spec.InitContainers ?? []))
        {
            Accumulate(container.Resources?.Requests, requests);
            var found = Accumulate(container.Resources?.Limits, limits);
            if (!ComputeResources.All(found.Contains)) guaranteed = false;
        }
        if (requests.Count == 0 && limits.Count == 0) return QosClasses.BestEffort;
        if (guaranteed)
        {
            foreach (var (name, request) in requests)
            {
                if (!limits.TryGetValue(name, out var limit) || limit != request)
                {
                    guaranteed = false;
                    break;
                }
            }
        }
        return guaranteed && requests.Count == limits.Count ? QosClasses.Guaranteed : QosClasses.Burstable;
    }

    // Adds the positive cpu and memory quantities to the totals; returns the names it added.
    private static HashSet<string> Accumulate(Dictionary<string, string>? quantities, Dictionary<string, Quantity> totals)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in quantities ?? [])
        {
            if (!ComputeResources.Contains(name) || !Quantity.TryParse(text, out var quantity) || quantity.Sign <= 0) continue;
            found.Add(name);
            totals[name] = totals.TryGetValue(name, out var total) ? total + quantity : quantity;
        }
        return found;
    }
}
