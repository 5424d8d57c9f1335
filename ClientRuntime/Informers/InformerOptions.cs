namespace EventOrch.ClientRuntime.Informers;

/// <summary>Informer settings (configuration section "Informers").</summary>
public sealed class InformerOptions
{
    public const string Section = "Informers";

    /// <summary>How often the cache is relisted from the Api even when nothing looks wrong.</summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between attempts to reach the Api.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);
}
