using EventOrch.Contracts.Events;
using MassTransit;

namespace EventOrch.NodeAgent.ConfigSources;

/// <summary>Secret events off the agent's queue: they carry only ciphertext, so each one only says "read this Secret
/// through the Api again".</summary>
public sealed class SecretEventConsumer(SecretStore secrets) : IConsumer<SecretCreated>, IConsumer<SecretDataChanged>, IConsumer<SecretDeleted>
{
    public Task Consume(ConsumeContext<SecretCreated> context) => Invalidate(context.Message);

    public Task Consume(ConsumeContext<SecretDataChanged> context) => Invalidate(context.Message);

    public Task Consume(ConsumeContext<SecretDeleted> context) => Invalidate(context.Message);

    private Task Invalidate(IObjectEvent @event)
    {
        secrets.Invalidate(@event.Namespace, @event.Name);
        return Task.CompletedTask;
    }
}
