namespace TicketMail.Data;

/// <param name="MessageId">The stored message's id; 0 when a batch group deferred its rows to the group's commit.</param>
public sealed record SavedMessage(Guid Ticket, long MessageId, bool TicketCreated)
{
    /// <summary>The outbox row written with the ticket (an acknowledgement), to send after commit.</summary>
    public long? OutboxId { get; init; }

    /// <summary>The webhook events' outbox rows written with the message, to send after commit.</summary>
    public IReadOnlyList<long> EventIds { get; init; } = [];

    /// <summary>The ticket's queue.</summary>
    public string Queue { get; init; } = TicketDbContext.DefaultQueue;
}
