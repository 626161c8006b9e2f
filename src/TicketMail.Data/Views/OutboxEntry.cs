namespace TicketMail.Data.Views;

/// <summary>One row of 'outbox list'. Mime is only filled for the rows 'outbox flush' sends.</summary>
public sealed record OutboxEntry(
    long Id,
    Guid Ticket,
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
}
