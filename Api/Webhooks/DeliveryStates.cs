namespace EventOrch.Api.Webhooks;

/// <summary>The states of a delivery row: waiting (for its first attempt or its next one), or dead. A delivered row is
/// deleted.</summary>
public static class DeliveryStates
{
    public const string Pending = "pending";
    public const string DeadLettered = "dead";
}
