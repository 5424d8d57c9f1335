using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
/// CONTAINER-RUNTIME. STATUS is Ready, NotReady or Unknown, with SchedulingDisabled once cordoned.</summary>
public sealed class NodePrinter() : TablePrinter<Node>(ResourceKind.Node)
{
    private const string RolePrefix = "node-role.kubernetes.io/";
    private const string RoleLabel = "kubernetes.io/role";

    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Status", "Whether the node is ready, and whether it takes new pods."),
        Tables.Columns.Text("Roles", "The roles the node's labels give it."),
        Tables.Columns.Age,
        Tables.Columns.Text("Version", "The version of the node's agent (status.nodeInfo.kubeletVersion)."),
        Tables.Columns.Wide("Internal-IP", "The node's first InternalIP address."),
        Tables.Columns.Wide("External-IP", "The node's first ExternalIP address."),
        Tables.Columns.Wide("OS-Image", "The node's operating system image."),
        Tables.Columns.Wide("Kernel-Version", "The node's kernel version."),
        Tables.Columns.Wide("Container-Runtime", "The node's container runtime and its version."),
    ];

    protected override IReadOnlyList<object?> Cells(Node node, DateTimeOffset now)
    {
        var ready = node.Status?.Conditions?.LastOrDefault(c => c.Type == NodeConditions.Ready);
        var status = new List<string> { ready is null ? "Unknown" : ready.Status == ConditionStatuses.True ? "Ready" : "NotReady" };
        if (node.Spec.Unschedulable == true) status.Add("SchedulingDisabled");
        var info = node.Status?.NodeInfo;
        return
        [
            node.Metadata.Name,
            string.Join(",", status),
            Roles(node.Metadata.Labels),
            Tables.Cells.Since(node.Metadata.CreationTimestamp, now),
            info?.KubeletVersion ?? "",
            Address(node, "InternalIP"),
            Address(node, "ExternalIP"),
            Tables.Cells.OrUnknown(info?.OsImage),
            Tables.Cells.OrUnknown(info?.KernelVersion),
            Tables.Cells.OrUnknown(info?.ContainerRuntimeVersion),
        ];
    }

    // node-role.kubernetes.io/<role> labels, and kubernetes.io/role=<role>.
    private static string Roles(Dictionary<string, string>? labels)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? [])
        {
            if (key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length) roles.Add(key[RolePrefix.Length..]);
            else if (key == RoleLabel && value.Length > 0) roles.Add(value);
        }
        return roles.Count == 0 ? Tables.Cells.None : string.Join(",", roles);
    }

    private static string Address(Node node, string type) =>
        node.Status?.Addresses?.FirstOrDefault(a => a.Type == type)?.Address ?? Tables.Cells.None;
}
