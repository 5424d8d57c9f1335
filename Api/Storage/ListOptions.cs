using EventOrch.Contracts.Selectors;

namespace EventOrch.Api.Storage;

/// <summary>What a list asks for: selectors and a page.</summary>
public sealed record ListOptions(LabelSelector Labels, FieldSelector Fields, int? Limit, string? Continue);

/// <summary>What a delete may carry (DeleteOptions): preconditions and a grace period.</summary>
public sealed record DeleteOptions(string? Uid, string? ResourceVersion, long? GracePeriodSeconds);
