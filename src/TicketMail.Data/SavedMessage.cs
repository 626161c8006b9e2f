namespace TicketMail.Data;

public sealed record SavedMessage(Guid Ticket, long MessageId, bool TicketCreated)
{
    /// <summary>The outbox row written with the ticket (an acknowledgement), to send after commit.</summary>
    public long? OutboxId { get; init; }
}
