using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Versions;

/// <summary>A version a stored kind is served in besides its own: the kind at that version, and the conversions each
/// way. Objects are stored once, in the stored version; a request in this version is converted on the way in, its
/// answer on the way out.</summary>
public interface IServedVersion<TStored, TView> where TStored : class, IKubeObject where TView : class, IKubeObject
{
    ResourceKind Kind { get; }

    TView ToView(TStored stored);

    /// <summary>The stored object a write of <paramref name="view"/> proposes; <paramref name="current"/> is the stored
    /// object (null on create), whose fields this version cannot express are kept; <paramref name="statusOnly"/> for a
    /// write of the status subresource. A Status when the view cannot be converted.</summary>
    ApiResult<TStored> FromView(TView view, TStored? current, bool statusOnly);
}

/// <summary>autoscaling/v1 HorizontalPodAutoscalers, a view of the stored autoscaling/v2 ones.</summary>
public sealed class HorizontalPodAutoscalerV1View
    : IServedVersion<HorizontalPodAutoscaler, Contracts.Model.AutoscalingV1.HorizontalPodAutoscaler>
{
    public ResourceKind Kind => ResourceKind.HorizontalPodAutoscalerV1;

    public Contracts.Model.AutoscalingV1.HorizontalPodAutoscaler ToView(HorizontalPodAutoscaler stored) =>
        HorizontalPodAutoscalerV1Conversion.ToV1(stored);

    public ApiResult<HorizontalPodAutoscaler> FromView(Contracts.Model.AutoscalingV1.HorizontalPodAutoscaler view, HorizontalPodAutoscaler? current,
        bool statusOnly) => HorizontalPodAutoscalerV1Conversion.ToV2(view, current, statusOnly);
}
