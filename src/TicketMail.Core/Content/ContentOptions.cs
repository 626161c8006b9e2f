namespace TicketMail.Core.Content;

/// <summary>Limits for message content. MaxAttachmentBytes comes from TICKETMAIL_MAX_ATTACHMENT_BYTES.</summary>
public sealed record ContentOptions
{
    public static ContentOptions Default { get; } = new();

    /// <summary>An attachment larger than this is left out; the message gets a note that names it.</summary>
    public long MaxAttachmentBytes { get; init; } = 25L * 1024 * 1024;
}
