using System.Globalization;

namespace EventOrch.Contracts.Validation;

/// <summary>A path to a field, rendered as Kubernetes renders it: <c>spec.containers[0].ports[1].containerPort</c>.</summary>
public readonly record struct FieldPath(string Value)
{
    public static FieldPath Root(string name) => new(name);

    public FieldPath Child(string name) => new(string.IsNullOrEmpty(Value) ? name : $"{Value}.{name}");

    public FieldPath Index(int index) => new($"{Value}[{index.ToString(CultureInfo.InvariantCulture)}]");

    public FieldPath Key(string key) => new($"{Value}[{key}]");

    public override string ToString() => Value ?? "";

    public static implicit operator string(FieldPath path) => path.ToString();
}
