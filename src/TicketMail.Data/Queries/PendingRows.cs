using TicketMail.Data.Entities;

namespace TicketMail.Data.Queries;

/// <summary>
/// Rows a batch group has added (or loaded and changed) but not yet written: inside a group, a message whose save
/// needs no database ids (no outbox rows, no blob streamed after its row) is written with the group's next
/// SaveChanges, at its commit at the latest, instead of one SaveChanges per message. The later saves of the group
/// look here first, where they would otherwise have found the earlier messages' rows in the database: the ticket
/// a reply joins, the sender's counter, the thread keys already claimed, an address mark, an attachment's content.
/// </summary>
internal sealed class PendingRows
{
    public Dictionary<Guid, Ticket> Tickets { get; } = [];
    public Dictionary<(string Address, string Kind, DateTime Window), SenderCounter> Counters { get; } = [];
    public HashSet<string> ThreadKeys { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AddressFlag> Flags { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Blobs { get; } = new(StringComparer.Ordinal);

    /// <summary>True while rows wait for the group's next SaveChanges.</summary>
    public bool Any { get; set; }

    public void Clear()
    {
        Tickets.Clear();
        Counters.Clear();
        ThreadKeys.Clear();
        Flags.Clear();
        Blobs.Clear();
        Any = false;
    }
}
