namespace TicketMail.Data.Entities;

// Not sealed: EF's precompiled materializers test entities against IInjectableService, which a sealed class fails to compile.
public class Ticket
{
    public long Id { get; set; }
    public Guid Uuid { get; set; }
    public required string Subject { get; set; }

    /// <summary>"open" or "closed".</summary>
    public required string Status { get; set; }
    public required string RequesterAddress { get; set; }

    /// <summary>The queue of the support address the ticket came in on (billing, sales, ...); it keeps it for good.</summary>
    public required string Queue { get; set; }
    public string? RequesterName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime LastMessageAt { get; set; }
    public List<StoredMessage> Messages { get; set; } = [];
}
