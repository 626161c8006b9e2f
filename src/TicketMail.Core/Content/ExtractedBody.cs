using TicketMail.Core.Mail;

namespace TicketMail.Core.Content;

public sealed record ExtractedBody(
    string Text,
    string Reply,
    string? Html,
    string? ReplyHtml,
    IReadOnlyList<InboundAttachment> Attachments,
    IReadOnlyList<string> Notes);
