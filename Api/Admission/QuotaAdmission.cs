using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Quota;
using Marten;

namespace EventOrch.Api.Admission;

/// <summary>Kubernetes' ResourceQuota admission: a write that would take a namespace above a quota's hard limit is
/// refused (403), and one that fits is charged to each quota it counts against in its own transaction, by appending the
/// quota's new status with the quota stream's version as the expected one. Two concurrent charges of one quota cannot
/// both commit: the loser's write is retried on fresh state and checked again.</summary>
public sealed class QuotaAdmission(TimeProvider time) : IWriteAdmission
{
    public bool Mutates(ResourceKind kind) => false;

    public Task<ApiResult<IKubeObject>> MutateAsync(IQuerySession session, AdmissionAttempt attempt, CancellationToken cancellationToken) =>
        Task.FromResult(new ApiResult<IKubeObject>(attempt.Object, null));

    public async Task<AdmissionVerdict> ValidateAsync(IDocumentSession session, AdmissionAttempt attempt, CancellationToken cancellationToken)
    {
        if (!attempt.Kind.Namespaced || !QuotaCheck.Handles(attempt.Kind, attempt.Old is not null)) return AdmissionVerdict.Allowed;
        var records = await NamespaceRecords.ReadAsync<ResourceQuota>(session, attempt.Namespace, cancellationToken);
        if (records.Count == 0) return AdmissionVerdict.Allowed;
        var decision = QuotaCheck.Evaluate(attempt.Kind, attempt.Old, attempt.Object, records.Select(r => r.Object), time.GetUtcNow());
        if (decision.Refusal is { } refusal) return new AdmissionVerdict(ApiErrors.AdmissionForbidden(attempt.Kind, attempt.Name, refusal));
        foreach (var charge in decision.Charges)
        {
            var record = records.First(r => ReferenceEquals(r.Object, charge.Quota));
            var quota = record.Object;
            session.Events.Append(record.Id, record.Version + 1, new ResourceQuotaStatusChanged(quota.Metadata.Uid!, quota.Metadata.Namespace!,
                quota.Metadata.Name!, (quota.Status ?? new ResourceQuotaStatus()) with { Used = charge.Used }));
        }
        return new AdmissionVerdict(null, Charged: decision.Charges.Count > 0);
    }
}
