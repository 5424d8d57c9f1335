using static EventOrch.Api.Requests.Protobuf.Proto;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>authentication.k8s.io/v1 TokenRequest and SelfSubjectReview, which <c>kubectl create token</c> and
/// <c>kubectl auth whoami</c> send as protobuf (k8s.io/api
/// authentication/v1 generated.proto, by field number).</summary>
internal static class AuthenticationV1Messages
{
    private const string Authentication = "k8s.io.api.authentication.v1.";

    public static readonly ProtoMessage BoundObjectReference = new(Authentication + "BoundObjectReference",
        [String(1, "kind"), String(2, "apiVersion"), String(3, "name"), String(4, "uid")]);

    public static readonly ProtoMessage TokenRequestSpec = new(Authentication + "TokenRequestSpec",
        [Strings(1, "audiences"), Int64(4, "expirationSeconds", pointer: true), Message(3, "boundObjectRef", BoundObjectReference, pointer: true)]);

    public static readonly ProtoMessage TokenRequestStatus = new(Authentication + "TokenRequestStatus",
        [String(1, "token"), Message(2, "expirationTimestamp", MetaV1Messages.Time)]);

    public static readonly ProtoMessage TokenRequest = new(Authentication + "TokenRequest",
        [Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", TokenRequestSpec), Message(3, "status", TokenRequestStatus)]);

    public static readonly ProtoMessage UserInfo = new(Authentication + "UserInfo", [String(1, "username"), String(2, "uid"), Strings(3, "groups")]);

    public static readonly ProtoMessage SelfSubjectReviewStatus = new(Authentication + "SelfSubjectReviewStatus", [Message(1, "userInfo", UserInfo)]);

    public static readonly ProtoMessage SelfSubjectReview = new(Authentication + "SelfSubjectReview",
        [Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "status", SelfSubjectReviewStatus)]);
}
