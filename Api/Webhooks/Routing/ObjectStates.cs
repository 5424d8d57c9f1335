using EventOrch.Api.Watch;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Webhooks.Routing;

/// <summary>The router's memory of objects it has routed events of: each one's state after the last event it saw, so the
/// next event of the stream folds onto it instead of reading the stream again. Bounded: when full it forgets everything
/// and reads streams again as needed.</summary>
public sealed class ObjectStates(int capacity)
{
    private readonly Dictionary<Guid, (long Version, IKubeObject State)> _states = [];

    public void Clear() => _states.Clear();

    /// <summary>Folds the event onto the remembered state when that is the state just before it; otherwise forgets the
    /// stream. True (with the states before and after) when it could.</summary>
    public bool TryAdvance(Guid stream, IObjectEvent @event, EventPosition position, IWatchedKind kind, out IKubeObject? before,
        out IKubeObject? after)
    {
        before = after = null;
        if (!_states.TryGetValue(stream, out var known)) return false;
        if (known.Version != position.Version - 1)
        {
            _states.Remove(stream);
            return false;
        }
        before = known.State;
        after = kind.Apply(before, @event, position);
        Remember(stream, position.Version, after);
        return true;
    }

    public void Remember(Guid stream, long version, IKubeObject? state)
    {
        if (state is null)
        {
            _states.Remove(stream);
            return;
        }
        if (_states.Count >= capacity && !_states.ContainsKey(stream)) _states.Clear();
        _states[stream] = (version, state);
    }
}
