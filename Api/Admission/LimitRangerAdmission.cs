using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quota;
using Marten;

namespace EventOrch.Api.Admission;

/// <summary>Kubernetes' LimitRanger admission for pods: a new pod's containers get the LimitRanges' default requests and
/// limits where they set none (noted in the <c>kubernetes.io/limit-ranger</c> annotation), before validation and before
/// quota; a pod outside the ranges' min, max or limit/request ratio is refused (403).</summary>
public sealed class LimitRangerAdmission : IWriteAdmission
{
    public bool Mutates(ResourceKind kind) => kind == ResourceKind.Pod;

    public async Task<ApiResult<IKubeObject>> MutateAsync(IQuerySession session, AdmissionAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.Object is not Pod pod || attempt.Old is not null) return new ApiResult<IKubeObject>(attempt.Object, null);
        var ranges = await RangesAsync(session, attempt.Namespace, cancellationToken);
        return new ApiResult<IKubeObject>(ranges.Count == 0 ? pod : LimitRanger.ApplyDefaults(pod, ranges), null);
    }

    public async Task<AdmissionVerdict> ValidateAsync(IDocumentSession session, AdmissionAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.Object is not Pod pod || attempt.Old is not null) return AdmissionVerdict.Allowed;
        var ranges = await RangesAsync(session, attempt.Namespace, cancellationToken);
        var violations = LimitRanger.Violations(pod, ranges);
        return violations.Count == 0
            ? AdmissionVerdict.Allowed
            : new AdmissionVerdict(ApiErrors.AdmissionForbidden(attempt.Kind, attempt.Name, LimitRanger.Message(violations)));
    }

    private static async Task<List<LimitRange>> RangesAsync(IQuerySession session, string @namespace, CancellationToken cancellationToken) =>
        [.. (await NamespaceRecords.ReadAsync<LimitRange>(session, @namespace, cancellationToken)).Select(r => r.Object)];
}
