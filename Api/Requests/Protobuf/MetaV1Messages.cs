using System.Globalization;
using System.Text.Json.Nodes;
using static EventOrch.Api.Requests.Protobuf.Proto;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>The apimachinery messages every kind uses (k8s.io/apimachinery: pkg/apis/meta/v1, pkg/util/intstr,
/// pkg/api/resource generated.proto), by field number, with Go's pointer fields marked.</summary>
internal static class MetaV1Messages
{
    /// <summary>type 0 is intVal, 1 strVal; written in JSON as the bare number or string.</summary>
    public static readonly ProtoMessage IntOrString = new("k8s.io.apimachinery.pkg.util.intstr.IntOrString",
        [Int64(1, "type"), Int32(2, "intVal"), String(3, "strVal")],
        o => o["type"]?.GetValue<long>() == 1 ? JsonValue.Create(o["strVal"]?.GetValue<string>() ?? "") : JsonValue.Create(o["intVal"]?.GetValue<int>() ?? 0));

    /// <summary>A Quantity travels as its canonical string ("500m", "128Mi").</summary>
    public static readonly ProtoMessage Quantity = new("k8s.io.apimachinery.pkg.api.resource.Quantity",
        [String(1, "string")],
        o => o["string"] is { } text ? JsonValue.Create(text.GetValue<string>()) : null);

    /// <summary>Seconds and nanoseconds since the epoch; JSON has whole seconds in RFC 3339, as metav1.Time writes them,
    /// and nothing for the zero time.</summary>
    public static readonly ProtoMessage Time = new("k8s.io.apimachinery.pkg.apis.meta.v1.Time",
        [Int64(1, "seconds"), Int32(2, "nanos")],
        o => o["seconds"]?.GetValue<long>() is long seconds and not 0
            ? JsonValue.Create(DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            : null);

    public static readonly ProtoMessage OwnerReference = new("k8s.io.apimachinery.pkg.apis.meta.v1.OwnerReference",
    [
        String(5, "apiVersion"), String(1, "kind"), String(3, "name"), String(4, "uid"),
        Bool(6, "controller", pointer: true), Bool(7, "blockOwnerDeletion", pointer: true),
    ]);

    public static readonly ProtoMessage ObjectMeta = new("k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta",
    [
        String(1, "name"), String(2, "generateName"), String(3, "namespace"), String(4, "selfLink"), String(5, "uid"),
        String(6, "resourceVersion"), Int64(7, "generation"), Message(8, "creationTimestamp", Time),
        Message(9, "deletionTimestamp", Time, pointer: true), Int64(10, "deletionGracePeriodSeconds", pointer: true),
        StringMap(11, "labels"), StringMap(12, "annotations"), List(13, "ownerReferences", OwnerReference),
        Strings(14, "finalizers"), NotRead(17, "managedFields"),
    ]);

    public static readonly ProtoMessage LabelSelectorRequirement = new("k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement",
        [String(1, "key"), String(2, "operator"), Strings(3, "values")]);

    public static readonly ProtoMessage LabelSelector = new("k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector",
        [StringMap(1, "matchLabels"), List(2, "matchExpressions", LabelSelectorRequirement)]);

    public static readonly ProtoMessage Condition = new("k8s.io.apimachinery.pkg.apis.meta.v1.Condition",
    [
        String(1, "type"), String(2, "status"), Int64(3, "observedGeneration"), Message(4, "lastTransitionTime", Time),
        String(5, "reason"), String(6, "message"),
    ]);

    public static readonly ProtoMessage Preconditions = new("k8s.io.apimachinery.pkg.apis.meta.v1.Preconditions",
        [String(1, "uid", pointer: true), String(2, "resourceVersion", pointer: true)]);

    /// <summary>The body of a DELETE, which Go's typed clients send as protobuf too.</summary>
    public static readonly ProtoMessage DeleteOptions = new("k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions",
    [
        Int64(1, "gracePeriodSeconds", pointer: true), Message(2, "preconditions", Preconditions, pointer: true),
        Bool(3, "orphanDependents", pointer: true), String(4, "propagationPolicy", pointer: true), Strings(5, "dryRun"),
        Bool(6, "ignoreStoreReadErrorWithClusterBreakingPotential", pointer: true),
    ]);
}
