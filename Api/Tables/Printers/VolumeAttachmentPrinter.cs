using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>VolumeAttachments, as kubectl prints them: NAME ATTACHER PV NODE ATTACHED AGE.</summary>
public sealed class VolumeAttachmentPrinter() : TablePrinter<VolumeAttachment>(ResourceKind.VolumeAttachment)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Attacher", "The attacher that attaches the volume."),
        Tables.Columns.Text("PV", "The persistent volume attached."),
        Tables.Columns.Text("Node", "The node it is attached to."),
        Tables.Columns.Text("Attached", "Whether the volume is attached."),
        Tables.Columns.Age,
    ];

    protected override IReadOnlyList<object?> Cells(VolumeAttachment attachment, DateTimeOffset now) =>
    [
        attachment.Metadata.Name,
        attachment.Spec.Attacher,
        attachment.Spec.Source.PersistentVolumeName ?? "",
        attachment.Spec.NodeName,
        attachment.Status?.Attached == true,
        Tables.Cells.Since(attachment.Metadata.CreationTimestamp, now),
    ];
}
