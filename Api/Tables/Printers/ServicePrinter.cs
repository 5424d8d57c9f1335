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
            Tables.Cells.OrNone(service.Spec.ClusterIP),
            // ClusterIP and NodePort services have no external address of their own; a load balancer's would be in status.
            Tables.Cells.OrNone(Tables.Cells.LoadBalancerAddresses(service.Status?.LoadBalancer)),
            ports.Count == 0 ? Tables.Cells.None : string.Join(",", ports),
            Tables.Cells.Since(service.Metadata.CreationTimestamp, now),
            Tables.Cells.Labels(service.Spec.Selector),
        ];
    }
}
