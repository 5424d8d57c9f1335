using static EventOrch.Api.Requests.Protobuf.Proto;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>ResourceQuota (what <c>kubectl create quota</c> sends as protobuf) and LimitRange, from k8s.io/api core/v1
/// generated.proto, by field number.</summary>
internal static class QuotaMessages
{
    private const string Core = "k8s.io.api.core.v1.";

    public static readonly ProtoMessage ScopedResourceSelectorRequirement = new(Core + "ScopedResourceSelectorRequirement",
        [String(1, "scopeName"), String(2, "operator"), Strings(3, "values")]);

    public static readonly ProtoMessage ScopeSelector = new(Core + "ScopeSelector", [List(1, "matchExpressions", ScopedResourceSelectorRequirement)]);

    public static readonly ProtoMessage ResourceQuotaSpec = new(Core + "ResourceQuotaSpec",
    [
        MessageMap(1, "hard", MetaV1Messages.Quantity), Strings(2, "scopes"), Message(3, "scopeSelector", ScopeSelector, pointer: true),
    ]);

    public static readonly ProtoMessage ResourceQuotaStatus = new(Core + "ResourceQuotaStatus",
        [MessageMap(1, "hard", MetaV1Messages.Quantity), MessageMap(2, "used", MetaV1Messages.Quantity)]);

    public static readonly ProtoMessage ResourceQuota = new(Core + "ResourceQuota",
        [Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", ResourceQuotaSpec), Message(3, "status", ResourceQuotaStatus)]);

    public static readonly ProtoMessage LimitRangeItem = new(Core + "LimitRangeItem",
    [
        String(1, "type"), MessageMap(2, "max", MetaV1Messages.Quantity), MessageMap(3, "min", MetaV1Messages.Quantity),
        MessageMap(4, "default", MetaV1Messages.Quantity), MessageMap(5, "defaultRequest", MetaV1Messages.Quantity),
        MessageMap(6, "maxLimitRequestRatio", MetaV1Messages.Quantity),
    ]);

    public static readonly ProtoMessage LimitRangeSpec = new(Core + "LimitRangeSpec", [List(1, "limits", LimitRangeItem)]);

    public static readonly ProtoMessage LimitRange = new(Core + "LimitRange",
        [Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", LimitRangeSpec)]);
}
