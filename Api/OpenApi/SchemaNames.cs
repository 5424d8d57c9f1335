using System.Text.Json.Serialization.Metadata;
using EventOrch.Api.Discovery;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Api.OpenApi;

/// <summary>The names model types have in the OpenAPI documents, Kubernetes-style: a served kind is
/// <c>io.k8s.api.{group}.{version}.{Kind}</c> (core for the core group), a type it holds takes the package of the first
/// kind that reaches it, and the shared metadata types are those of <c>io.k8s.apimachinery.pkg.apis.meta.v1</c>.
/// Names are given over every served kind at once, so each document names a type the same way.</summary>
public sealed class SchemaNames
{
    private const string MetaPackage = "io.k8s.apimachinery.pkg.apis.meta.v1";

    private static readonly Dictionary<Type, string> Fixed = new()
    {
        [typeof(ObjectMeta)] = $"{MetaPackage}.ObjectMeta",
        [typeof(ListMeta)] = $"{MetaPackage}.ListMeta",
        [typeof(OwnerReference)] = $"{MetaPackage}.OwnerReference",
        [typeof(Status)] = $"{MetaPackage}.Status",
        [typeof(StatusDetails)] = $"{MetaPackage}.StatusDetails",
        [typeof(StatusCause)] = $"{MetaPackage}.StatusCause",
        [typeof(LabelSelectorSpec)] = $"{MetaPackage}.LabelSelector",
        [typeof(LabelSelectorRequirement)] = $"{MetaPackage}.LabelSelectorRequirement",
        [typeof(IntOrString)] = "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
    };

    private readonly Dictionary<Type, string> _names = new(Fixed);
    private readonly Dictionary<Type, List<GroupVersionKind>> _kinds = [];

    public SchemaNames(IEnumerable<(Type Type, GroupVersionKind Kind)> roots)
    {
        var ordered = roots.ToList();
        foreach (var (type, kind) in ordered)
        {
            var kinds = _kinds.TryGetValue(type, out var known) ? known : _kinds[type] = [];
            if (!kinds.Contains(kind)) kinds.Add(kind);
            _names.TryAdd(type, $"{Package(kind)}.{kind.Kind}");
        }
        foreach (var (type, kind) in ordered) NameReachable(type, Package(kind), []);
    }

    /// <summary>The name of a type that gets a schema of its own (an object, or IntOrString); null for anything inline.</summary>
    public string? NameOf(Type type) => _names.GetValueOrDefault(type);

    /// <summary>The kinds a type is served as, for x-kubernetes-group-version-kind.</summary>
    public IReadOnlyList<GroupVersionKind> KindsOf(Type type) => _kinds.TryGetValue(type, out var kinds) ? kinds : [];

    /// <summary>io.k8s.api.core.v1 for the core group, io.k8s.api.apps.v1, io.k8s.api.networking.v1 for networking.k8s.io, ...</summary>
    public static string Package(GroupVersionKind kind) =>
        $"io.k8s.api.{GroupVersionKind.ShortGroup(kind.Group)}.{kind.Version}";

    /// <summary>The types a schema refers to: an object's properties, a list's items, a map's values.</summary>
    public static IEnumerable<Type> Children(Type type)
    {
        var info = KubeJson.Options.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Object => info.Properties.Where(p => p.Get is not null).Select(p => Unwrap(p.PropertyType)),
            JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary when info.ElementType is { } element => [Unwrap(element)],
            _ => [],
        };
    }

    public static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    public static bool IsObject(Type type) => KubeJson.Options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Object;

    private void NameReachable(Type type, string package, HashSet<Type> seen)
    {
        if (!seen.Add(type)) return;
        if (IsObject(type) && !_names.ContainsKey(type))
        {
            var name = $"{package}.{type.Name}";
            _names[type] = _names.ContainsValue(name) ? $"{package}.{(type.FullName ?? type.Name).Replace('+', '.')}" : name;
        }
        foreach (var child in Children(type)) NameReachable(child, package, seen);
    }
}
