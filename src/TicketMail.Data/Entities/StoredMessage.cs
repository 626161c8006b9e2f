namespace TicketMail.Data.Entities;

/// <summary>One message on a ticket. The raw bytes live in <see cref="RawMessage"/> so that lists never load them.</summary>
// Not sealed: EF's precompiled materializers test entities against IInjectableService, which a sealed class fails to compile.
public class StoredMessage
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public Ticket? Ticket { get; set; }

    /// <summary>"mid:&lt;Message-ID&gt;" or "sha256:&lt;hash of the raw bytes&gt;"; unique with <see cref="BodySha256"/>, so a message is stored once.</summary>
    public required string DedupeKey { get; set; }
    public string? MessageId { get; set; }
    public string? InReplyTo { get; set; }

    /// <summary>The References header's Message-IDs, separated by spaces.</summary>
    public string? References { get; set; }
    public required string FromAddress { get; set; }
    public string? FromName { get; set; }

    /// <summary>One mailbox per line, as "Name &lt;address&gt;" or a bare address.</summary>
    public string ToList { get; set; } = "";
    public string CcList { get; set; } = "";
    public required string Subject { get; set; }
    public DateTime Date { get; set; }
    public DateTime ReceivedAt { get; set; }
    public string TextBody { get; set; } = "";
    public string ReplyText { get; set; } = "";
    public string? HtmlBody { get; set; }

    /// <summary>The sanitized HTML of the reply without the quoted part (issue 12); null for text-only mail.</summary>
    public string? ReplyHtml { get; set; }
    public bool OpenedTicket { get; set; }

    /// <summary>The routing rule that matched: new, tag, envelope, in-reply-to, references or subject.</summary>
    public required string Rule { get; set; }

    /// <summary>Null, or why the message is automatic (auto-replied, bounce, ...).</summary>
    public string? Automatic { get; set; }
    public string? UnknownTag { get; set; }
    public int AttachmentCount { get; set; }

    /// <summary>Notes made while reading the message (left-out attachments, charset fallbacks), one per line.</summary>
    public string? Notes { get; set; }
    public long RawSize { get; set; }
    public string RawSha256 { get; set; } = "";

    /// <summary>
    /// SHA-256 of everything after the header block, which delivery does not change: the same Message-ID with a
    /// different body is another message. Empty for messages stored before it existed (they match any body).
    /// </summary>
    public string BodySha256 { get; set; } = "";
    public RawMessage? Raw { get; set; }
    public List<StoredAttachment> Attachments { get; set; } = [];
}
