using System.Globalization;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Selectors;

namespace EventOrch.Api.Tables;

/// <summary>How Kubernetes' printers write common cells: ages, label sets, selectors, container lists.</summary>
public static class Cells
{
    public const string None = "<none>";
    public const string Unknown = "<unknown>";

    /// <summary>The time since <paramref name="timestamp"/> as kubectl shows it, or &lt;unknown&gt;.</summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        timestamp is { } t ? Contracts.Formatting.HumanDuration.Format(now - t) : Unknown;

    /// <summary>The value, or &lt;none&gt; when it is unset or empty.</summary>
    public static string OrNone(string? value) => string.IsNullOrEmpty(value) ? None : value;

    /// <summary>The value, or &lt;unknown&gt; when it is unset or empty.</summary>
    public static string OrUnknown(string? value) => string.IsNullOrEmpty(value) ? Unknown : value;

    /// <summary>A load balancer's addresses (each ingress point's IP, else its hostname), comma-separated; empty when
    /// there are none.</summary>
    public static string LoadBalancerAddresses(LoadBalancerStatus? status) =>
        string.Join(",", (status?.Ingress ?? []).Select(i => !string.IsNullOrEmpty(i.Ip) ? i.Ip : i.Hostname)
            .Where(a => !string.IsNullOrEmpty(a)).Distinct());

    /// <summary>A label set as <c>k=v,k2=v2</c> in key order, or &lt;none&gt;.</summary>
    public static string Labels(IReadOnlyDictionary<string, string>? labels) =>
        labels is null || labels.Count == 0
            ? None
            : string.Join(",", labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>A structured selector in selector syntax; &lt;none&gt; when it selects everything or is unset,
    /// &lt;error&gt; when it is malformed (metav1.FormatLabelSelector).</summary>
    public static string Selector(LabelSelectorSpec? selector)
    {
        if (selector is null) return None;
        if (!selector.TryToSelector(out var parsed, out _)) return "<error>";
        var text = parsed.ToString();
        return text.Length == 0 ? None : text;
    }

    /// <summary>The containers' names and images, each comma-separated.</summary>
    public static (string Names, string Images) Containers(IReadOnlyList<Container>? containers) =>
        (string.Join(",", (containers ?? []).Select(c => c.Name)), string.Join(",", (containers ?? []).Select(c => c.Image ?? "")));

    /// <summary>At most three items joined by commas, with "+ N more..." for the rest.</summary>
    public static string FirstThree(IReadOnlyList<string> items, int total, string empty)
    {
        if (total == 0) return empty;
        var shown = string.Join(",", items.Take(3));
        return total > 3 ? Invariant($"{shown} + {total - 3} more...") : shown;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
