namespace EventOrch.Contracts.Model;

/// <summary>Whether tolerations tolerate a taint, as Kubernetes' Toleration.ToleratesTaint.</summary>
public static class TolerationMatching
{
    public static bool Tolerates(Toleration toleration, Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect) return false;
        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key) return false;
        return toleration.Operator switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    public static bool AnyTolerates(IEnumerable<Toleration>? tolerations, Taint taint) =>
        tolerations is not null && tolerations.Any(t => Tolerates(t, taint));
}
