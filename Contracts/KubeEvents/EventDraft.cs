using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>What one rule says happened: about which object, why, in which words, and who reports it. The mapper
/// completes it into a <see cref="KubeEvent"/>.</summary>
public sealed record EventDraft(
    ObjectReference Regarding,
    string Reason,
    string Message,
    string Type,
    string Component,
    string? Host = null,
    string? Action = null)
{
    public static EventDraft Normal(ObjectReference regarding, string reason, string message, string component, string? host = null, string? action = null) =>
        new(regarding, reason, message, EventTypes.Normal, component, host, action);

    public static EventDraft Warning(ObjectReference regarding, string reason, string message, string component, string? host = null, string? action = null) =>
        new(regarding, reason, message, EventTypes.Warning, component, host, action);
}

/// <summary>References to the objects Events are about.</summary>
public static class EventReferences
{
    /// <summary>The object the domain event is about, at the resourceVersion the event gave it.</summary>
    public static ObjectReference To(IKubeObject obj, RecordedEvent e, string? fieldPath = null) => new()
    {
        ApiVersion = obj.ApiVersion,
        Kind = obj.Kind,
        Namespace = obj.Metadata.Namespace,
        Name = obj.Metadata.Name,
        Uid = obj.Metadata.Uid,
        ResourceVersion = e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldPath = fieldPath,
    };

    /// <summary>An owner (or another object) named by a reference, at the resourceVersion it had then, when known.</summary>
    public static ObjectReference To(OwnerReference owner, string? @namespace, IEventSubjects subjects) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Namespace = @namespace,
        Name = owner.Name,
        Uid = owner.Uid,
        ResourceVersion = subjects.Find(owner.Uid)?.Metadata.ResourceVersion,
    };

    /// <summary>The owner with <c>controller: true</c>, if any.</summary>
    public static OwnerReference? ControllerOf(IKubeObject obj) => obj.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);

    public static string ContainerPath(string container, bool init = false) =>
        init ? $"spec.initContainers{{{container}}}" : $"spec.containers{{{container}}}";
}
