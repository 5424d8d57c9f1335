using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model.Audit;

namespace EventOrch.Api.Audit;

/// <summary>The kinds of what the audit trail serves (eventorch.io/v1): not stored, never listed as objects.</summary>
public static class AuditResourceKinds
{
    public static readonly ResourceKind ObjectHistory = new(AuditKinds.Group, AuditKinds.Version, AuditKinds.ObjectHistory, "history", Namespaced: true, []);
    public static readonly ResourceKind CausalChain = new(AuditKinds.Group, AuditKinds.Version, AuditKinds.CausalChain, "why", Namespaced: true, []);

    /// <summary>The cluster-wide audit query, for authorization (verb list).</summary>
    public static readonly ResourceKind Audit = new(AuditKinds.Group, AuditKinds.Version, "AuditEvent", "audit", Namespaced: false, []);
}
