using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using Marten;

namespace EventOrch.Api.Admission;

/// <summary>A create or an update as admission sees it: the kind, where, the stored object (null on create), the
/// proposed one, the name its refusals give (the generateName prefix when the name is not chosen yet), and who asks.</summary>
public sealed record AdmissionAttempt(ResourceKind Kind, string Namespace, string Name, IKubeObject? Old, IKubeObject Object, bool DryRun,
    string User, IReadOnlyList<string> Groups);

/// <summary>What a validating admission step decided: refused with a Status, or allowed; <see cref="Charged"/> says it
/// appended to another object's stream in the write's transaction (a quota), so a lost race there is retried.</summary>
public sealed record AdmissionVerdict(Status? Refusal, bool Charged = false)
{
    public static AdmissionVerdict Allowed { get; } = new(Refusal: null);
}

/// <summary>An admission step every write of every kind passes, in registration order (Kubernetes' admission chain:
/// LimitRanger, then ResourceQuota). <see cref="MutateAsync"/> runs on creates after the kind's defaults and before
/// validation; <see cref="ValidateAsync"/> runs on creates and updates of the main resource once the object is valid,
/// inside the write's transaction, where it may append events of its own.</summary>
public interface IWriteAdmission
{
    /// <summary>Whether <see cref="MutateAsync"/> has anything to do for creates of this kind (only then is a session opened for it).</summary>
    bool Mutates(ResourceKind kind);

    /// <summary>The object to create, completed (defaults), or a Status refusing it.</summary>
    Task<ApiResult<IKubeObject>> MutateAsync(IQuerySession session, AdmissionAttempt attempt, CancellationToken cancellationToken);

    Task<AdmissionVerdict> ValidateAsync(IDocumentSession session, AdmissionAttempt attempt, CancellationToken cancellationToken);
}
