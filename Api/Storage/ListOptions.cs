using EventOrch.Contracts.Selectors;

namespace EventOrch.Api.Storage;

/// <summary>What a list asks for: selectors and a page.</summary>
public sealed record ListOptions(LabelSelector Labels, FieldSelector Fields, int? Limit, string? Continue);

/// <summary>Preconditions a delete may carry (DeleteOptions.preconditions).</summary>
public sealed record DeletePreconditions(string? Uid, string? ResourceVersion);
