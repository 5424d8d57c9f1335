using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Ingresses: NAME CLASS HOSTS ADDRESS PORTS AGE.</summary>
public sealed class IngressPrinter() : TablePrinter<Ingress>(ResourceKind.Ingress)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Class", "The ingress class that serves the ingress (spec.ingressClassName)."),
        Tables.Columns.Text("Hosts", "The hosts the rules match; * when a rule matches every host."),
        Tables.Columns.Text("Address", "Where the ingress is reached (status.loadBalancer)."),
        Tables.Columns.Text("Ports", "The ports the ingress is served on."),
        Tables.Columns.Age,
    ];

    protected override IReadOnlyList<object?> Cells(Ingress ingress, DateTimeOffset now)
    {
        return
        [
            ingress.Metadata.Name,
            ingress.Spec.IngressClassName ?? Tables.Cells.None,
            Hosts(ingress.Spec.Rules ?? []),
            Tables.Cells.LoadBalancerAddresses(ingress.Status?.LoadBalancer),
            // This model has no TLS section: plain HTTP only.
            "80",
            Tables.Cells.Since(ingress.Metadata.CreationTimestamp, now),
        ];
    }

    // The first three hosts; once three are shown, any further rule makes it "+ N more..." (N counting every rule
    // past the third), as Kubernetes' printer counts them.
    private static string Hosts(List<IngressRule> rules)
    {
        var hosts = new List<string>();
        var more = false;
        foreach (var rule in rules)
        {
            if (hosts.Count == 3) more = true;
            if (!more && !string.IsNullOrEmpty(rule.Host)) hosts.Add(rule.Host);
        }
        if (hosts.Count == 0) return "*";
        return more ? $"{string.Join(",", hosts)} + {rules.Count - 3} more..." : string.Join(",", hosts);
    }
}
