using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables;

/// <summary>The columns of one kind, and the cells of one of its objects: a kind's <c>kubectl get</c> output.
/// Registered with TryAddEnumerable; a kind without one gets NAME and AGE.</summary>
public interface ITablePrinter
{
    /// <summary>The group and kind printed (the version does not change the columns).</summary>
    string Group { get; }
    string Kind { get; }

    IReadOnlyList<TableColumnDefinition> Columns { get; }

    /// <summary>One cell per column, wide columns included; <paramref name="now"/> is the time ages are measured to.</summary>
    IReadOnlyList<object?> Cells(IKubeObject obj, DateTimeOffset now);

    /// <summary>Row conditions, when the object has any to report.</summary>
    IReadOnlyList<TableRowCondition>? Conditions(IKubeObject obj) => null;
}

/// <summary>A printer of objects of type <typeparamref name="T"/>.</summary>
public abstract class TablePrinter<T>(ResourceKind kind) : ITablePrinter where T : class, IKubeObject
{
    public string Group => kind.Group;
    public string Kind => kind.Kind;

    public abstract IReadOnlyList<TableColumnDefinition> Columns { get; }

    public IReadOnlyList<object?> Cells(IKubeObject obj, DateTimeOffset now) => Cells((T)obj, now);

    public IReadOnlyList<TableRowCondition>? Conditions(IKubeObject obj) => Conditions((T)obj);

    protected abstract IReadOnlyList<object?> Cells(T obj, DateTimeOffset now);

    protected virtual IReadOnlyList<TableRowCondition>? Conditions(T obj) => null;
}

/// <summary>Column definitions every printer shares.</summary>
public static class Columns
{
    public static readonly TableColumnDefinition Name = new("Name", "string", "name",
        "The object's name, unique among objects of its kind in its namespace.", 0);

    public static readonly TableColumnDefinition Age = new("Age", "string", "",
        "How long ago the object was created (its metadata.creationTimestamp).", 0);

    public static TableColumnDefinition Text(string name, string description, int priority = 0) => new(name, "string", "", description, priority);

    public static TableColumnDefinition Integer(string name, string description, int priority = 0) => new(name, "integer", "", description, priority);

    public static TableColumnDefinition Wide(string name, string description) => Text(name, description, priority: 1);
}
