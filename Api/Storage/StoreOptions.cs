using System.ComponentModel.DataAnnotations;

namespace EventOrch.Api.Storage;

/// <summary>Where the event store lives (configuration section "Store").</summary>
public sealed class EventStoreOptions
{
    public const string Section = "Store";

    [Required] public string ConnectionString { get; set; } = "";

    /// <summary>The PostgreSQL schema that holds the events and projections.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]*$")] public string Schema { get; set; } = "eventorch";

    /// <summary>The most connections this Api host opens; several hosts (and test servers) share PostgreSQL's limit.</summary>
    [Range(2, 1000)] public int MaxPoolSize { get; set; } = 50;
}
