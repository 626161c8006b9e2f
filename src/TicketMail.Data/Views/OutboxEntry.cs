namespace TicketMail.Data.Views;

/// <summary>One row of 'outbox list'. Mime (the mail, or a webhook's JSON body) is only filled for the rows 'outbox flush' sends.</summary>
public sealed record OutboxEntry(
    long Id,
    Guid? Ticket,
    string ToAddress,
    string MessageId,
    string Kind,
    string Status,
    int Attempts,
    string? LastError,
    DateTime CreatedAt,
    DateTime? SentAt)
{
    public byte[]? Mime { get; init; }

    /// <summary>A pending row is not retried before this time.</summary>
    public DateTime? NextAttemptAt { get; init; }
}
