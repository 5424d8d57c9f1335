using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>What the workload printers share.</summary>
internal static class WorkloadColumns
{
    public static readonly TableColumnDefinition[] Wide =
    [
        Tables.Columns.Wide("Containers", "The names of the containers in the pod template."),
        Tables.Columns.Wide("Images", "The images of the containers in the pod template."),
        Tables.Columns.Wide("Selector", "The labels of the pods it manages."),
    ];

    public static readonly IReadOnlyList<TableColumnDefinition> Replicated =
    [
        Tables.Columns.Name,
        Tables.Columns.Integer("Desired", "The replicas wanted (spec.replicas)."),
        Tables.Columns.Integer("Current", "The pods it has (status.replicas)."),
        Tables.Columns.Integer("Ready", "Its ready pods (status.readyReplicas)."),
        Tables.Columns.Age,
        .. Wide,
    ];

    public static IReadOnlyList<object?> Cells(ObjectMeta metadata, int? desired, ReplicaSetStatus? status, PodTemplateSpec? template,
        string selector, DateTimeOffset now)
    {
        var (names, images) = Tables.Cells.Containers(template?.Spec.Containers);
        return
        [
            metadata.Name,
            desired ?? 0,
            status?.Replicas ?? 0,
            status?.ReadyReplicas ?? 0,
            Tables.Cells.Since(metadata.CreationTimestamp, now),
            names,
            images,
            selector,
        ];
    }
}
