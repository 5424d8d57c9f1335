using System.Globalization;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Roles: NAME CREATED AT, as kubectl prints them.</summary>
public sealed class RolePrinter() : TablePrinter<Role>(ResourceKind.Role)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } = [Tables.Columns.Name, RbacColumns.CreatedAt];

    protected override IReadOnlyList<object?> Cells(Role role, DateTimeOffset now) => [role.Metadata.Name, RbacColumns.Created(role.Metadata)];
}

/// <summary>ClusterRoles: NAME CREATED AT.</summary>
public sealed class ClusterRolePrinter() : TablePrinter<ClusterRole>(ResourceKind.ClusterRole)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } = [Tables.Columns.Name, RbacColumns.CreatedAt];

    protected override IReadOnlyList<object?> Cells(ClusterRole role, DateTimeOffset now) => [role.Metadata.Name, RbacColumns.Created(role.Metadata)];
}

/// <summary>RoleBindings: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS.</summary>
public sealed class RoleBindingPrinter() : TablePrinter<RoleBinding>(ResourceKind.RoleBinding)
{
    public override IReadOnlyList<TableColumnDefinition> Columns => RbacColumns.Binding;

    protected override IReadOnlyList<object?> Cells(RoleBinding binding, DateTimeOffset now) =>
        RbacColumns.BindingCells(binding.Metadata, binding.RoleRef, binding.Subjects, now);
}

/// <summary>ClusterRoleBindings: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS.</summary>
public sealed class ClusterRoleBindingPrinter() : TablePrinter<ClusterRoleBinding>(ResourceKind.ClusterRoleBinding)
{
    public override IReadOnlyList<TableColumnDefinition> Columns => RbacColumns.Binding;

    protected override IReadOnlyList<object?> Cells(ClusterRoleBinding binding, DateTimeOffset now) =>
        RbacColumns.BindingCells(binding.Metadata, binding.RoleRef, binding.Subjects, now);
}

internal static class RbacColumns
{
    public static readonly TableColumnDefinition CreatedAt = new("Created At", "date", "", "When the object was created (RFC 3339).", 0);

    public static readonly IReadOnlyList<TableColumnDefinition> Binding =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Role", "The role the binding grants: Role/name or ClusterRole/name."),
        Tables.Columns.Age,
        Tables.Columns.Wide("Users", "The users the role is granted to."),
        Tables.Columns.Wide("Groups", "The groups the role is granted to."),
        Tables.Columns.Wide("ServiceAccounts", "The service accounts (namespace/name) the role is granted to."),
    ];

    public static string Created(ObjectMeta metadata) =>
        metadata.CreationTimestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public static IReadOnlyList<object?> BindingCells(ObjectMeta metadata, RoleRef roleRef, List<Subject>? subjects, DateTimeOffset now)
    {
        string Of(string kind) => string.Join(", ", (subjects ?? []).Where(s => s.Kind == kind)
            .Select(s => kind == RbacNames.ServiceAccountKind ? $"{s.Namespace}/{s.Name}" : s.Name));
        return [metadata.Name, $"{roleRef.Kind}/{roleRef.Name}", Tables.Cells.Since(metadata.CreationTimestamp, now),
            Of(RbacNames.UserKind), Of(RbacNames.GroupKind), Of(RbacNames.ServiceAccountKind)];
    }
}
