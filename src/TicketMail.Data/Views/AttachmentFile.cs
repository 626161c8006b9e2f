namespace TicketMail.Data.Views;

/// <summary>An attachment with its content, for 'attachments save'. Content is null when it was left out.</summary>
public sealed record AttachmentFile(long Id, string FileName, string ContentType, long Size, byte[]? Content);
