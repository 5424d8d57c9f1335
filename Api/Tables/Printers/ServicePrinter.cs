using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. There are no virtual IPs here, so
/// CLUSTER-IP is &lt;none&gt; unless the service is headless ("None").</summary>
public sealed class ServicePrinter() : TablePrinter<Service>(ResourceKind.Service)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Type", "How the service is exposed: ClusterIP or NodePort."),
        Tables.Columns.Text("Cluster-IP", "The service's cluster address (spec.clusterIP)."),
        Tables.Columns.Text("External-IP", "Addresses outside the cluster the service is reached at."),
        Tables.Columns.Text("Port(s)", "The service's ports: port[:nodePort]/protocol."),
        Tables.Columns.Age,
        Tables.Columns.Wide("Selector", "The labels of the pods that back the service."),
    ];

    protected override IReadOnlyList<object?> Cells(Service service, DateTimeOffset now)
    {
        var ports = (service.Spec.Ports ?? []).Select(p =>
            p.NodePort is > 0 ? $"{p.Port}:{p.NodePort}/{p.Protocol ?? "TCP"}" : $"{p.Port}/{p.Protocol ?? "TCP"}").ToList();
        return
        [
            service.Metadata.Name,
            service.Spec.Type ?? ServiceTypes.ClusterIP,
            string.IsNullOrEmpty(service.Spec.ClusterIP) ? Tables.Cells.None : service.Spec.ClusterIP,
            ExternalAddresses(service),
            ports.Count == 0 ? Tables.Cells.None : string.Join(",", ports),
            Tables.Cells.Since(service.Metadata.CreationTimestamp, now),
            Tables.Cells.Labels(service.Spec.Selector),
        ];
    }

    // ClusterIP and NodePort services have no external address of their own; a load balancer's would be in status.
    private static string ExternalAddresses(Service service)
    {
        var balanced = (service.Status?.LoadBalancer?.Ingress ?? [])
            .Select(i => !string.IsNullOrEmpty(i.Ip) ? i.Ip : i.Hostname).Where(a => !string.IsNullOrEmpty(a)).Distinct().ToList();
        return balanced.Count == 0 ? Tables.Cells.None : string.Join(",", balanced);
    }
}
