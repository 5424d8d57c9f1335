using EventOrch.Contracts.Selectors;

namespace EventOrch.Api.Storage;

/// <summary>What a list asks for: selectors, a page, and the past point to list as of (a resourceVersion or an RFC 3339
/// time; null for now).</summary>
public sealed record ListOptions(LabelSelector Labels, FieldSelector Fields, int? Limit, string? Continue, string? AsOf = null);

/// <summary>What a delete may carry (DeleteOptions): preconditions, a grace period, and a propagation policy
/// (<see cref="Contracts.Model.PropagationPolicies"/>; null when the request named none).</summary>
public sealed record DeleteOptions(string? Uid, string? ResourceVersion, long? GracePeriodSeconds, string? PropagationPolicy = null);
