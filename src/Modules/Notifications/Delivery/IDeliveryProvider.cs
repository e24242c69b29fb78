using Ecommerce.Notifications.Domain;
using Ecommerce.Shared.Outbox;

namespace Ecommerce.Notifications.Delivery;

/// <summary>
/// Where one channel's messages are handed over (an SMTP server, an SMS gateway). Only the delivery worker calls it: on
/// each of its <see cref="Lanes"/> one group of at most <see cref="MostAtOnce"/> messages at a time, the lanes side by
/// side. Each message's outcome is returned, never thrown: taken (<see cref="Ecommerce.Shared.Outbox.Delivery.Done"/>),
/// refused for good, or worth another try.
/// </summary>
internal interface IDeliveryProvider
{
    string Channel { get; }

    /// <summary>How many messages it takes at once (an SMTP connection each).</summary>
    int Lanes { get; }

    /// <summary>How many messages one call takes (an SMTP server that pipelines takes a group in one write).</summary>
    int MostAtOnce => 1;

    /// <summary>The id a new message keeps on every attempt (the email's Message-Id, the SMS's reference).</summary>
    string NewMessageId();

    /// <summary>
    /// Takes the next turn to hand a message over and waits for it (a provider's sending quota; at once without one); false,
    /// taking nothing, when that turn would come only at or after <paramref name="before"/>.
    /// </summary>
    Task<bool> WaitTurnAsync(DateTimeOffset before, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>Each message's outcome, in order.</summary>
    Task<IReadOnlyList<Attempt>> DeliverAsync(IReadOnlyList<Notification> notifications, int lane, CancellationToken cancellationToken);
}

/// <summary>The provider of each configured channel; a channel without one has its messages only logged.</summary>
internal sealed class DeliveryProviders(IEnumerable<IDeliveryProvider> providers)
{
    private readonly Dictionary<string, IDeliveryProvider> _byChannel = providers.ToDictionary(p => p.Channel);

    public IDeliveryProvider? For(string channel) => _byChannel.GetValueOrDefault(channel);

    /// <summary>The message id a notification of this channel is accepted with: null when only logged.</summary>
    public string? NewMessageId(string channel) => For(channel)?.NewMessageId();
}
