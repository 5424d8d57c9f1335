using System.Globalization;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Model;
using MassTransit;

namespace EventOrch.ClientRuntime.Informers;

/// <summary>Hands one event type from the component's queue to the informer of its kind.</summary>
public sealed class InformerEventConsumer<TEvent, T>(Informer<T> informer) : IConsumer<TEvent>
    where TEvent : class, IObjectEvent where T : class, IKubeObject
{
    public Task Consume(ConsumeContext<TEvent> context)
    {
        var timestamp = DateTimeOffset.TryParse(context.Headers.Get<string>(EventHeaders.Timestamp), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var t) ? t : context.SentTime ?? DateTimeOffset.UtcNow;
        return informer.HandleAsync(context.Message, Number(context, EventHeaders.Sequence), Number(context, EventHeaders.StreamVersion),
            timestamp, context.CancellationToken, context.MessageId);
    }

    private static long? Number(ConsumeContext context, string header) =>
        long.TryParse(context.Headers.Get<string>(header), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
