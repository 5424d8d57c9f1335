using EventOrch.Contracts.Model;

namespace EventOrch.Api.Watch;

/// <summary>What one event did to one object: its state before (null when it was created) and after (null when it
/// was deleted). <paramref name="ResourceVersion"/> is the event's global sequence.</summary>
public sealed record ObjectChange(long ResourceVersion, Type Kind, IKubeObject? Before, IKubeObject? After);
