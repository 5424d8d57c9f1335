using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>StorageClasses, as kubectl prints them: NAME (marked "(default)") PROVISIONER RECLAIMPOLICY
/// VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE.</summary>
public sealed class StorageClassPrinter() : TablePrinter<StorageClass>(ResourceKind.StorageClass)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Provisioner", "The provisioner that makes the class's volumes."),
        Tables.Columns.Text("ReclaimPolicy", "What happens to a provisioned volume when its claim goes."),
        Tables.Columns.Text("VolumeBindingMode", "When claims of the class are bound."),
        Tables.Columns.Text("AllowVolumeExpansion", "Whether claims of the class may grow."),
        Tables.Columns.Age,
    ];

    protected override IReadOnlyList<object?> Cells(StorageClass storageClass, DateTimeOffset now) =>
    [
        StorageClasses.IsDefault(storageClass) ? $"{storageClass.Metadata.Name} (default)" : storageClass.Metadata.Name,
        storageClass.Provisioner,
        storageClass.ReclaimPolicy ?? StorageClasses.ReclaimDelete,
        storageClass.VolumeBindingMode ?? StorageClasses.BindingImmediate,
        storageClass.AllowVolumeExpansion == true,
        Tables.Cells.Since(storageClass.Metadata.CreationTimestamp, now),
    ];
}
