using static EventOrch.Api.Requests.Protobuf.Proto;

namespace EventOrch.Api.Requests.Protobuf;

/// <summary>authorization.k8s.io/v1 reviews (what <c>kubectl auth can-i</c> sends) from k8s.io/api authorization/v1
/// generated.proto, by field number, with Go's pointer fields marked.</summary>
internal static class AuthorizationV1Messages
{
    private const string Authorization = "k8s.io.api.authorization.v1.";

    public static readonly ProtoMessage ResourceAttributes = new(Authorization + "ResourceAttributes",
    [
        String(1, "namespace"), String(2, "verb"), String(3, "group"), String(4, "version"), String(5, "resource"), String(6, "subresource"),
        String(7, "name"), NotRead(8, "fieldSelector"), NotRead(9, "labelSelector"),
    ]);

    public static readonly ProtoMessage NonResourceAttributes = new(Authorization + "NonResourceAttributes", [String(1, "path"), String(2, "verb")]);

    public static readonly ProtoMessage SubjectAccessReviewStatus = new(Authorization + "SubjectAccessReviewStatus",
        [Bool(1, "allowed"), String(2, "reason"), String(3, "evaluationError"), Bool(4, "denied")]);

    public static readonly ProtoMessage SelfSubjectAccessReviewSpec = new(Authorization + "SelfSubjectAccessReviewSpec",
    [
        Message(1, "resourceAttributes", ResourceAttributes, pointer: true),
        Message(2, "nonResourceAttributes", NonResourceAttributes, pointer: true),
    ]);

    public static readonly ProtoMessage SelfSubjectAccessReview = new(Authorization + "SelfSubjectAccessReview",
    [
        Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", SelfSubjectAccessReviewSpec),
        Message(3, "status", SubjectAccessReviewStatus),
    ]);

    public static readonly ProtoMessage SubjectAccessReviewSpec = new(Authorization + "SubjectAccessReviewSpec",
    [
        Message(1, "resourceAttributes", ResourceAttributes, pointer: true),
        Message(2, "nonResourceAttributes", NonResourceAttributes, pointer: true), String(3, "user"), Strings(4, "groups"),
        NotRead(5, "extra"), String(6, "uid"),
    ]);

    public static readonly ProtoMessage SubjectAccessReview = new(Authorization + "SubjectAccessReview",
    [
        Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", SubjectAccessReviewSpec),
        Message(3, "status", SubjectAccessReviewStatus),
    ]);

    public static readonly ProtoMessage SelfSubjectRulesReviewSpec = new(Authorization + "SelfSubjectRulesReviewSpec", [String(1, "namespace")]);

    public static readonly ProtoMessage ResourceRule = new(Authorization + "ResourceRule",
        [Strings(1, "verbs"), Strings(2, "apiGroups"), Strings(3, "resources"), Strings(4, "resourceNames")]);

    public static readonly ProtoMessage NonResourceRule = new(Authorization + "NonResourceRule", [Strings(1, "verbs"), Strings(2, "nonResourceURLs")]);

    public static readonly ProtoMessage SubjectRulesReviewStatus = new(Authorization + "SubjectRulesReviewStatus",
        [List(1, "resourceRules", ResourceRule), List(2, "nonResourceRules", NonResourceRule), Bool(3, "incomplete"), String(4, "evaluationError")]);

    public static readonly ProtoMessage SelfSubjectRulesReview = new(Authorization + "SelfSubjectRulesReview",
    [
        Message(1, "metadata", MetaV1Messages.ObjectMeta), Message(2, "spec", SelfSubjectRulesReviewSpec),
        Message(3, "status", SubjectRulesReviewStatus),
    ]);
}
