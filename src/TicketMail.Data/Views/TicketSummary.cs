namespace TicketMail.Data.Views;

/// <summary>One row of 'tickets list'.</summary>
public sealed record TicketSummary(
    Guid Uuid,
    string Subject,
    string Status,
    string Queue,
    string RequesterAddress,
    string? RequesterName,
    int MessageCount,
    DateTime LastMessageAt);
