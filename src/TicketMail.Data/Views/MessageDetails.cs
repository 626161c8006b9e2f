namespace TicketMail.Data.Views;

public sealed record MessageDetails(
    long Id,
    string? MessageId,
    string? InReplyTo,
    string FromAddress,
    string? FromName,
    string ToList,
    string CcList,
    string Subject,
    DateTime Date,
    DateTime ReceivedAt,
    string Text,
    string Reply,
    string? Html,
    string? ReplyHtml,
    bool OpenedTicket,
    string Rule,
    string? Automatic,
    string? UnknownTag,
    int AttachmentCount,
    string? Notes)
{
    public IReadOnlyList<AttachmentDetails> Attachments { get; init; } = [];
}
