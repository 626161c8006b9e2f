namespace TicketMail.Data.Outgoing;

/// <summary>
/// A mail to send once the ticket is committed (an acknowledgement). Built by the caller from the new
/// ticket's UUID, stored in the outbox in the same transaction, and its Message-ID claimed as a thread key.
/// </summary>
public sealed record OutgoingMail(string ToAddress, string MessageId, string Kind, byte[] Mime)
{
    /// <summary>At most this many of this mail per recipient and UTC day, enforced in the transaction (sender_counters).</summary>
    public int? DailyLimit { get; init; }
}
