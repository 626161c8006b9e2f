namespace TicketMail.Data.Entities;

/// <summary>
/// Something we send after commit, written in the same transaction as its message: an acknowledgement (Kind "ack",
/// Mime the MIME message, ToAddress the requester) or a webhook event (Kind "webhook", Mime the JSON body,
/// ToAddress the URL, MessageId the event id).
/// </summary>
// Not sealed: EF's precompiled materializers test entities against IInjectableService, which a sealed class fails to compile.
public class OutboxMail
{
    public long Id { get; set; }
    /// <summary>Null only for an event about mail that belongs to no ticket (a held new message).</summary>
    public long? TicketId { get; set; }
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

    /// <summary>Not retried before this time: each failed attempt doubles the wait (outbox flush).</summary>
    public DateTime NextAttemptAt { get; set; }
}
