using System.ComponentModel.DataAnnotations;

namespace EventOrch.ClientRuntime.Hosting;

/// <summary>Who this component instance is (configuration section "Component").</summary>
public sealed class ComponentOptions
{
    public const string Section = "Component";

    /// <summary>The component's own RabbitMQ queue; two running instances need two names.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]+$")] public string Queue { get; set; } = "";
}
