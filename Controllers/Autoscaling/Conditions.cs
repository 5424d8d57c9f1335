using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Autoscaling;

/// <summary>An autoscaler's conditions as a pass sets them: a condition keeps its transition time while its status
/// stays, and <see cref="Changed"/> says whether anything but that moved.</summary>
internal sealed class Conditions(List<HorizontalPodAutoscalerCondition>? existing, DateTimeOffset now)
{
    private readonly List<HorizontalPodAutoscalerCondition> _list = existing is null ? [] : [.. existing];

    public List<HorizontalPodAutoscalerCondition> List => _list;

    /// <summary>Whether the conditions differ from those the pass began with (a condition set twice in a pass and left
    /// as it was is no change).</summary>
    public bool Changed => !Contracts.Serialization.KubeJson.Equal(existing ?? [], _list);

    private HorizontalPodAutoscalerCondition? Original(string type) => existing?.FirstOrDefault(c => c.Type == type);

    public void Set(string type, bool status, string reason, string message)
    {
        var value = status ? ConditionStatuses.True : ConditionStatuses.False;
        var index = _list.FindIndex(c => c.Type == type);
        var old = index >= 0 ? _list[index] : null;
        if (old is not null && old.Status == value && old.Reason == reason && old.Message == message) return;
        var condition = new HorizontalPodAutoscalerCondition
        {
            Type = type,
            Status = value,
            Reason = reason,
            Message = message,
            LastTransitionTime = Original(type) is { } first && first.Status == value ? first.LastTransitionTime : now,
        };
        if (index >= 0) _list[index] = condition;
        else _list.Add(condition);
    }
}
