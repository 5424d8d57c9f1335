using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>PersistentVolumes, as kubectl 1.32 prints them: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM
/// STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE. STATUS is Terminating once deletion began.</summary>
public sealed class PersistentVolumePrinter() : TablePrinter<PersistentVolume>(ResourceKind.PersistentVolume)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Capacity", "The volume's storage capacity."),
        Tables.Columns.Text("Access Modes", "How the volume may be mounted (RWO, ROX, RWX, RWOP)."),
        Tables.Columns.Text("Reclaim Policy", "What happens to the volume when its claim goes."),
        Tables.Columns.Text("Status", "The volume's phase."),
        Tables.Columns.Text("Claim", "The claim bound to the volume (namespace/name)."),
        Tables.Columns.Text("StorageClass", "The volume's class."),
        Tables.Columns.Text("VolumeAttributesClass", "The volume's attributes class (not served: always <unset>)."),
        Tables.Columns.Text("Reason", "Why the volume is in its phase."),
        Tables.Columns.Age,
        Tables.Columns.Wide("VolumeMode", "Filesystem or Block."),
    ];

    protected override IReadOnlyList<object?> Cells(PersistentVolume volume, DateTimeOffset now)
    {
        var claim = volume.Spec.ClaimRef is { } reference ? $"{reference.Namespace}/{reference.Name}" : "";
        var status = volume.Metadata.DeletionTimestamp is not null ? "Terminating" : volume.Status?.Phase ?? "";
        return
        [
            volume.Metadata.Name,
            StorageCells.Quantity(volume.Spec.Capacity),
            PersistentVolumes.Abbreviated(volume.Spec.AccessModes),
            volume.Spec.PersistentVolumeReclaimPolicy ?? "",
            status,
            claim,
            volume.Spec.StorageClassName ?? "",
            StorageCells.Unset,
            volume.Status?.Reason ?? "",
            Tables.Cells.Since(volume.Metadata.CreationTimestamp, now),
            volume.Spec.VolumeMode ?? PersistentVolumes.Filesystem,
        ];
    }
}
