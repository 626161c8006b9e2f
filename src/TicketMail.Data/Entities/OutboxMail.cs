namespace TicketMail.Data.Entities;

/// <summary>A mail we send (an acknowledgement), written in the same transaction as its ticket and sent after commit.</summary>
// Not sealed: EF's precompiled materializers test entities against IInjectableService, which a sealed class fails to compile.
public class OutboxMail
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public required string ToAddress { get; set; }
    public required string MessageId { get; set; }
    public required string Kind { get; set; }

    /// <summary>The complete MIME message, ready to send.</summary>
    public required byte[] Mime { get; set; }

    /// <summary>"pending", "sent" or "failed".</summary>
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}
