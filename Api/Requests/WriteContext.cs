namespace EventOrch.Api.Requests;

/// <summary>Who asked for a write and why: recorded on every event it appends.</summary>
/// <param name="User">The authenticated user or service account.</param>
/// <param name="RequestId">The request id, stored as the events' correlation id.</param>
/// <param name="CausationId">The id of the event that a controller acted on, when one did.</param>
/// <param name="DryRun">The request asked for <c>dryRun=All</c>: decide and answer as for a real write, store nothing.</param>
/// <param name="Reason">Why the writer decided it, in its own words (a controller's figures), kept as the events' <c>reason</c> header.</param>
/// <param name="Groups">The writer's groups (what RBAC's escalation check decides on); none for the Api's own writes unless they say.</param>
public sealed record WriteContext(string User, string RequestId, string? CausationId, bool DryRun = false, string? Reason = null,
    IReadOnlyList<string>? Groups = null)
{
    /// <summary>The header an event's reason is kept under.</summary>
    public const string ReasonHeader = "reason";
}
