using System.Globalization;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quantities;

namespace EventOrch.Contracts.Quota;

/// <summary>Kubernetes' LimitRanger admission, pure: the defaults a LimitRange gives a pod's containers (recorded in
/// the <c>kubernetes.io/limit-ranger</c> annotation), and the bounds it holds them to.</summary>
public static class LimitRanger
{
    public const string Annotation = "kubernetes.io/limit-ranger";

    /// <summary>The pod with the Container defaults of <paramref name="ranges"/> filled in where its containers set none;
    /// the same instance when nothing was defaulted.</summary>
    public static Pod ApplyDefaults(Pod pod, IEnumerable<LimitRange> ranges)
    {
        var defaultRequests = new Dictionary<string, string>(StringComparer.Ordinal);
        var defaultLimits = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in ranges.OrderBy(r => r.Metadata.Name, StringComparer.Ordinal).SelectMany(r => r.Spec.Limits).Where(i => i.Type == LimitTypes.Container))
        {
            foreach (var (name, value) in item.DefaultRequest ?? []) defaultRequests[name] = value;
            foreach (var (name, value) in item.Default ?? []) defaultLimits[name] = value;
        }
        if (defaultRequests.Count == 0 && defaultLimits.Count == 0) return pod;
        var notes = new List<string>();
        var containers = pod.Spec.Containers.Select(c => Merge(c, defaultRequests, defaultLimits, "container", notes)).ToList();
        var initContainers = pod.Spec.InitContainers?.Select(c => Merge(c, defaultRequests, defaultLimits, "init container", notes)).ToList();
        if (notes.Count == 0) return pod;
        var annotations = new Dictionary<string, string>(pod.Metadata.Annotations ?? [], StringComparer.Ordinal)
        {
            [Annotation] = "LimitRanger plugin set: " + string.Join("; ", notes),
        };
        return pod with
        {
            Metadata = pod.Metadata with { Annotations = annotations },
            Spec = pod.Spec with { Containers = containers, InitContainers = initContainers },
        };
    }

    private static Container Merge(Container container, Dictionary<string, string> requests, Dictionary<string, string> limits, string what, List<string> notes)
    {
        var resources = container.Resources ?? new ResourceRequirements();
        var setRequests = requests.Keys.Where(k => resources.Requests?.ContainsKey(k) != true).Order(StringComparer.Ordinal).ToList();
        var setLimits = limits.Keys.Where(k => resources.Limits?.ContainsKey(k) != true).Order(StringComparer.Ordinal).ToList();
        if (setRequests.Count == 0 && setLimits.Count == 0) return container;
        var newRequests = new Dictionary<string, string>(resources.Requests ?? [], StringComparer.Ordinal);
        foreach (var name in setRequests) newRequests[name] = requests[name];
        var newLimits = new Dictionary<string, string>(resources.Limits ?? [], StringComparer.Ordinal);
        foreach (var name in setLimits) newLimits[name] = limits[name];
        if (setRequests.Count > 0) notes.Add($"{string.Join(", ", setRequests)} request for {what} {container.Name}");
        if (setLimits.Count > 0) notes.Add($"{string.Join(", ", setLimits)} limit for {what} {container.Name}");
        return container with
        {
            Resources = resources with { Requests = newRequests.Count == 0 ? null : newRequests, Limits = newLimits.Count == 0 ? null : newLimits },
        };
    }

    /// <summary>Every bound of <paramref name="ranges"/> the pod breaks, worded as Kubernetes words them
    /// (<c>maximum cpu usage per Container is 500m, but limit is 1</c>); none when it keeps them all.</summary>
    public static IReadOnlyList<string> Violations(Pod pod, IEnumerable<LimitRange> ranges)
    {
        var errors = new List<string>();
        foreach (var item in ranges.OrderBy(r => r.Metadata.Name, StringComparer.Ordinal).SelectMany(r => r.Spec.Limits))
        {
            if (item.Type == LimitTypes.Container)
            {
                foreach (var container in pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []))
                    Check(item, ResourceList.Parse(container.Resources?.Requests), ResourceList.Parse(container.Resources?.Limits), errors);
            }
            else if (item.Type == LimitTypes.Pod)
            {
                var (requests, limits) = PodTotals(pod);
                Check(item, requests, limits, errors);
            }
        }
        return errors;
    }

    /// <summary>Kubernetes' aggregate of several errors: one alone as itself, more as <c>[a, b]</c>.</summary>
    public static string Message(IReadOnlyList<string> violations) =>
        violations.Count == 1 ? violations[0] : "[" + string.Join(", ", violations) + "]";

    // A pod's requests and limits as a whole: the sum of its containers, or an init container's when larger.
    private static (Dictionary<string, Quantity> Requests, Dictionary<string, Quantity> Limits) PodTotals(Pod pod)
    {
        var requests = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var limits = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var container in pod.Spec.Containers)
        {
            requests = ResourceList.Add(requests, ResourceList.Parse(container.Resources?.Requests));
            limits = ResourceList.Add(limits, ResourceList.Parse(container.Resources?.Limits));
        }
        // A resource some container sets no limit for has no pod limit.
        foreach (var name in limits.Keys.ToList())
        {
            if (pod.Spec.Containers.Any(c => c.Resources?.Limits?.ContainsKey(name) != true)) limits.Remove(name);
        }
        foreach (var container in pod.Spec.InitContainers ?? [])
        {
            requests = ResourceList.Max(requests, ResourceList.Parse(container.Resources?.Requests));
            limits = ResourceList.Max(limits, ResourceList.Parse(container.Resources?.Limits));
        }
        return (requests, limits);
    }

    private static void Check(LimitRangeItem item, Dictionary<string, Quantity> requests, Dictionary<string, Quantity> limits, List<string> errors)
    {
        var type = item.Type;
        foreach (var (name, enforced) in Sorted(item.Min))
        {
            if (!requests.TryGetValue(name, out var request))
                errors.Add($"minimum {name} usage per {type} is {enforced}.  No request is specified");
            else if (request < enforced) errors.Add($"minimum {name} usage per {type} is {enforced}, but request is {request}");
            else if (limits.TryGetValue(name, out var limit) && limit < enforced) errors.Add($"minimum {name} usage per {type} is {enforced}, but limit is {limit}");
        }
        foreach (var (name, enforced) in Sorted(item.Max))
        {
            if (!limits.TryGetValue(name, out var limit))
                errors.Add($"maximum {name} usage per {type} is {enforced}.  No limit is specified");
            else if (limit > enforced) errors.Add($"maximum {name} usage per {type} is {enforced}, but limit is {limit}");
            else if (requests.TryGetValue(name, out var request) && request > enforced) errors.Add($"maximum {name} usage per {type} is {enforced}, but request is {request}");
        }
        foreach (var (name, enforced) in Sorted(item.MaxLimitRequestRatio))
        {
            if (!requests.TryGetValue(name, out var request) || request.IsZero)
                errors.Add($"{name} max limit to request ratio per {type} is {enforced}, but no request is specified or request is 0");
            else if (!limits.TryGetValue(name, out var limit) || limit.IsZero)
                errors.Add($"{name} max limit to request ratio per {type} is {enforced}, but no limit is specified or limit is 0");
            else if (limit.Value / request.Value is var ratio && ratio > enforced.Value)
                errors.Add($"{name} max limit to request ratio per {type} is {enforced}, but provided ratio is {ratio.ToString("F6", CultureInfo.InvariantCulture)}");
        }
    }

    private static IEnumerable<KeyValuePair<string, Quantity>> Sorted(Dictionary<string, string>? list) =>
        ResourceList.Parse(list).OrderBy(p => p.Key, StringComparer.Ordinal);
}
