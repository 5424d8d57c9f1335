using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Api.Resources;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using JasperFx.Events;

namespace EventOrch.Api.Webhooks.Routing;

/// <summary>The JSON a delivery POSTs: its id, the subscription, the event (id, type, sequence, stream version, time, the
/// object's uid, kind and name, and its data), who caused it (user, correlation id, causation id) and the object after
/// the event (before it, for a delete). A Secret is sent with the keys of its data and annotations and none of their
/// values, and its events without their (sealed) data.</summary>
public sealed class DeliveryBody(ResourceDefinition<Secret> secrets)
{
    public string Build(Guid deliveryId, RoutedSubscription subscription, IEvent e, ResourceKind kind, IKubeObject? obj)
    {
        var isSecret = kind == ResourceKind.Secret;
        var data = e.Data as Contracts.Events.IObjectEvent;
        var @event = new JsonObject
        {
            ["id"] = e.Id.ToString(),
            ["type"] = e.EventType.Name,
            ["sequence"] = e.Sequence,
            ["streamVersion"] = e.Version,
            ["time"] = e.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["uid"] = e.StreamId.ToString(),
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = kind.Kind,
            ["namespace"] = data?.Namespace is { Length: > 0 } ns ? ns : null,
            ["name"] = data?.Name,
        };
        if (!isSecret) @event["data"] = JsonSerializer.SerializeToNode(e.Data, e.Data.GetType(), KubeJson.Options);
        var body = new JsonObject
        {
            ["id"] = deliveryId.ToString(),
            ["subscription"] = new JsonObject { ["name"] = subscription.Name, ["uid"] = subscription.Uid.ToString() },
            ["event"] = Pruned(@event),
            ["metadata"] = Pruned(new JsonObject
            {
                ["user"] = e.UserName,
                ["correlationId"] = e.CorrelationId,
                ["causationId"] = e.CausationId,
            }),
            ["object"] = obj is null ? null : isSecret ? Redacted((Secret)obj) : JsonSerializer.SerializeToNode(obj, obj.GetType(), KubeJson.Options),
        };
        return body.ToJsonString(KubeJson.Options);
    }

    // The Secret as served, then every value of its data and annotations taken out: the receiver learns which keys changed.
    private JsonNode Redacted(Secret stored)
    {
        var opened = secrets.Open(stored);
        var secret = opened.IsSuccess ? opened.Value! : stored with { Sealed = null, Metadata = stored.Metadata with { Annotations = null } };
        var node = JsonSerializer.SerializeToNode(secret with { Data = null, Sealed = null }, KubeJson.Options)!.AsObject();
        if (secret.Data is { Count: > 0 } values) node["data"] = KeysOnly(values.Keys);
        if (secret.Metadata.Annotations is { Count: > 0 } annotations) node["metadata"]!["annotations"] = KeysOnly(annotations.Keys);
        return node;
    }

    private static JsonObject KeysOnly(IEnumerable<string> keys) =>
        new(keys.Order(StringComparer.Ordinal).Select(k => KeyValuePair.Create(k, (JsonNode?)null)));

    private static JsonObject Pruned(JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList()) o.Remove(key);
        return o;
    }
}
