using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>PersistentVolumeClaims, as kubectl 1.32 prints them: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS
/// VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE. Capacity and access modes are the status's, shown once a volume is named.</summary>
public sealed class PersistentVolumeClaimPrinter() : TablePrinter<PersistentVolumeClaim>(ResourceKind.PersistentVolumeClaim)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Status", "The claim's phase."),
        Tables.Columns.Text("Volume", "The volume bound to the claim."),
        Tables.Columns.Text("Capacity", "The bound volume's capacity."),
        Tables.Columns.Text("Access Modes", "How the bound volume may be mounted (RWO, ROX, RWX, RWOP)."),
        Tables.Columns.Text("StorageClass", "The claim's class."),
        Tables.Columns.Text("VolumeAttributesClass", "The claim's attributes class (not served: always <unset>)."),
        Tables.Columns.Age,
        Tables.Columns.Wide("VolumeMode", "Filesystem or Block."),
    ];

    protected override IReadOnlyList<object?> Cells(PersistentVolumeClaim claim, DateTimeOffset now)
    {
        var named = !string.IsNullOrEmpty(claim.Spec.VolumeName);
        var status = claim.Metadata.DeletionTimestamp is not null ? "Terminating" : claim.Status?.Phase ?? "";
        return
        [
            claim.Metadata.Name,
            status,
            claim.Spec.VolumeName ?? "",
            named ? StorageCells.Quantity(claim.Status?.Capacity) : "",
            named ? PersistentVolumes.Abbreviated(claim.Status?.AccessModes) : "",
            claim.Spec.StorageClassName ?? "",
            StorageCells.Unset,
            Tables.Cells.Since(claim.Metadata.CreationTimestamp, now),
            claim.Spec.VolumeMode ?? PersistentVolumes.Filesystem,
        ];
    }
}

/// <summary>Cells the storage printers share.</summary>
internal static class StorageCells
{
    public const string Unset = "<unset>";

    /// <summary>The storage quantity of a capacity list, canonical as kubectl shows it; "" when none.</summary>
    public static string Quantity(Dictionary<string, string>? list) =>
        list?.GetValueOrDefault("storage") is { } text && Contracts.Quantities.Quantity.TryParse(text, out var quantity) ? quantity.ToString() : "";
}
