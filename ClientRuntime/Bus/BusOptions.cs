using System.ComponentModel.DataAnnotations;

namespace EventOrch.ClientRuntime.Bus;

/// <summary>Where the RabbitMQ broker is (configuration section "Bus").</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    [Required] public string Host { get; set; } = "127.0.0.1";
    [Range(1, 65535)] public int Port { get; set; } = 5672;
    [Required] public string VirtualHost { get; set; } = "/";
    [Required] public string Username { get; set; } = "guest";
    [Required] public string Password { get; set; } = "guest";
}
