using EventOrch.Contracts.Model;

namespace EventOrch.Api.KubeEvents;

/// <summary>The two API groups Events are served in: the same stored Events, in two shapes.</summary>
public enum EventShape
{
    /// <summary>core v1: <c>involvedObject</c>, <c>message</c>, <c>source</c>.</summary>
    Core,

    /// <summary>events.k8s.io/v1: <c>regarding</c>, <c>note</c>, <c>reportingController</c>, <c>deprecatedSource</c>.</summary>
    EventsV1,
}

/// <summary>The fields a fieldSelector may name on Events, as Kubernetes' Event strategy lists them; events.k8s.io/v1's
/// names are converted to core's (<c>regarding.name</c> is <c>involvedObject.name</c>).</summary>
public static class KubeEventFields
{
    private static readonly Dictionary<string, Func<KubeEvent, string?>> Core = new(StringComparer.Ordinal)
    {
        ["metadata.name"] = e => e.Metadata.Name,
        ["metadata.namespace"] = e => e.Metadata.Namespace,
        ["involvedObject.kind"] = e => e.InvolvedObject.Kind,
        ["involvedObject.namespace"] = e => e.InvolvedObject.Namespace,
        ["involvedObject.name"] = e => e.InvolvedObject.Name,
        ["involvedObject.uid"] = e => e.InvolvedObject.Uid,
        ["involvedObject.apiVersion"] = e => e.InvolvedObject.ApiVersion,
        ["involvedObject.resourceVersion"] = e => e.InvolvedObject.ResourceVersion,
        ["involvedObject.fieldPath"] = e => e.InvolvedObject.FieldPath,
        ["reason"] = e => e.Reason,
        ["reportingComponent"] = e => e.ReportingComponent,
        ["source"] = e => string.IsNullOrEmpty(e.Source?.Component) ? e.ReportingComponent : e.Source.Component,
        ["type"] = e => e.Type,
    };

    private static readonly Dictionary<string, string> V1ToCore = new(StringComparer.Ordinal)
    {
        ["metadata.name"] = "metadata.name",
        ["metadata.namespace"] = "metadata.namespace",
        ["regarding.kind"] = "involvedObject.kind",
        ["regarding.namespace"] = "involvedObject.namespace",
        ["regarding.name"] = "involvedObject.name",
        ["regarding.uid"] = "involvedObject.uid",
        ["regarding.apiVersion"] = "involvedObject.apiVersion",
        ["regarding.resourceVersion"] = "involvedObject.resourceVersion",
        ["regarding.fieldPath"] = "involvedObject.fieldPath",
        ["reason"] = "reason",
        ["reportingController"] = "reportingComponent",
        ["source"] = "source",
        ["type"] = "type",
    };

    /// <summary>The core name of a field the shape lets a selector name, or null when it may not.</summary>
    public static string? CoreName(EventShape shape, string field) => shape switch
    {
        EventShape.Core => Core.ContainsKey(field) ? field : null,
        _ => V1ToCore.GetValueOrDefault(field),
    };

    /// <summary>The value of a core field of an Event ("" when unset).</summary>
    public static string ValueOf(KubeEvent e, string coreField) => Core.TryGetValue(coreField, out var valueOf) ? valueOf(e) ?? "" : "";
}
