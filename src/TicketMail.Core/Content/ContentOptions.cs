namespace TicketMail.Core.Content;

/// <summary>Limits for message content. MaxAttachmentBytes comes from TICKETMAIL_MAX_ATTACHMENT_BYTES.</summary>
public sealed record ContentOptions
{
    public static ContentOptions Default { get; } = new();

    /// <summary>An attachment larger than this is left out; the message gets a note that names it.</summary>
    public long MaxAttachmentBytes { get; init; } = 25L * 1024 * 1024;

    /// <summary>
    /// How much of one text or HTML body part is decoded into text, html and reply. A person writes far less; a
    /// larger part (a pasted log, a generated report) is cut at a line end with a note. The raw message keeps
    /// every byte, so the rest stays one 'tickets export' away, and memory stays bounded for any message.
    /// </summary>
    public int MaxTextBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>
    /// The same for an HTML part, smaller: parsing, sanitizing and rendering HTML costs far more per byte than text
    /// (1 MiB of HTML peaked at 300 MB). Gmail clips a message at about 100 KB of HTML; this bound is above that.
    /// </summary>
    public int MaxHtmlBytes { get; init; } = 256 * 1024;
}
