namespace TicketMail.Data.Entities;

/// <summary>
/// A Message-ID that belongs to a ticket's thread: each stored message's own id and the id it answers,
/// and the Message-ID of each acknowledgement we send. The key is unique, so two deliveries that race
/// (a message and its reply) cannot open two tickets for one thread: the loser retries and joins.
/// </summary>
// Not sealed: EF's precompiled materializers test entities against IInjectableService, which a sealed class fails to compile.
public class ThreadKey
{
    public required string MessageId { get; set; }
    public long TicketId { get; set; }
    public Ticket? Ticket { get; set; }
}
