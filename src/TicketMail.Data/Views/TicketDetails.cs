namespace TicketMail.Data.Views;

public sealed record TicketDetails(
    Guid Uuid,
    string Subject,
    string Status,
    string Queue,
    string RequesterAddress,
    string? RequesterName,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime LastMessageAt,
    IReadOnlyList<MessageDetails> Messages);
