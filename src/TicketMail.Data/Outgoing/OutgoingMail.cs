namespace TicketMail.Data.Outgoing;

/// <summary>
/// A mail (an acknowledgement) or a webhook event (Kind "webhook": ToAddress the URL, MessageId the event id, Mime
/// the JSON body) to send once the message is committed. Built by the caller from the new
/// ticket's UUID, stored in the outbox in the same transaction, and its Message-ID claimed as a thread key.
/// </summary>
public sealed record OutgoingMail(string ToAddress, string MessageId, string Kind, byte[] Mime)
{
    /// <summary>At most this many of this mail per recipient and UTC day, enforced in the transaction (sender_counters).</summary>
    public int? DailyLimit { get; init; }
}
