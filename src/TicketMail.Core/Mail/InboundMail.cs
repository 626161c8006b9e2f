namespace TicketMail.Core.Mail;

/// <summary>
/// Everything TicketMail needs from one raw message, decoded once. Routing and storage work on this
/// value and never on the MIME tree, so they can be tested with plain values.
/// </summary>
public sealed record InboundMail
{
    public required string RawSha256 { get; init; }
    public long RawSize { get; init; }

    /// <summary>SHA-256 of everything after the header block (see <see cref="BodyHash"/>); empty when not computed.</summary>
    public string BodySha256 { get; init; } = "";

    /// <summary>A stored message has this Message-ID with another body: this one is stored as a new message.</summary>
    public bool MessageIdReused { get; init; }
    public string? MessageId { get; init; }
    public IReadOnlyList<string> InReplyTo { get; init; } = [];
    public IReadOnlyList<string> References { get; init; } = [];
    public EmailAddress? From { get; init; }
    public EmailAddress? ReplyTo { get; init; }
    public IReadOnlyList<EmailAddress> To { get; init; } = [];
    public IReadOnlyList<EmailAddress> Cc { get; init; } = [];

    /// <summary>Delivered-To and X-Original-To: what the local MTA saw, when the wrapper passed no recipient.</summary>
    public IReadOnlyList<string> DeliveredTo { get; init; } = [];

    /// <summary>The decoded subject, or null when the message has none.</summary>
    public string? Subject { get; init; }
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string Text { get; init; } = "";
    public string Reply { get; init; } = "";
    public string? Html { get; init; }

    /// <summary>The sanitized HTML of the reply alone (the quoted part cut out), or null when the message has no HTML.</summary>
    public string? ReplyHtml { get; init; }
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Null for mail a person wrote; otherwise why it is automatic (auto-replied, bounce, list, loop, ...).</summary>
    public string? Automatic { get; init; }

    /// <summary>The header (name: value) that made <see cref="Automatic"/> true, for --explain.</summary>
    public string? AutomaticEvidence { get; init; }

    /// <summary>True when our own MTA's Authentication-Results says dmarc=fail.</summary>
    public bool Spoofed { get; init; }

    /// <summary>True when our own MTA's Authentication-Results says dmarc=pass.</summary>
    public bool DmarcPass { get; init; }

    /// <summary>
    /// Where an acknowledgement may go: Reply-To only when it is in From's domain or DMARC proved From; otherwise
    /// anyone could make the help desk mail a chosen subject to any address by setting Reply-To.
    /// </summary>
    public EmailAddress? AckRecipient => ReplyTo is { } replyTo && From is { } from && !DmarcPass && !SameDomain(replyTo.Address, from.Address)
        ? from
        : Requester;

    private static bool SameDomain(string a, string b) =>
        a[(a.LastIndexOf('@') + 1)..].Equals(b[(b.LastIndexOf('@') + 1)..], StringComparison.OrdinalIgnoreCase);

    /// <summary>For a delivery report: the Message-ID of the message that bounced.</summary>
    public string? BouncedMessageId { get; init; }

    /// <summary>For a delivery report: the recipient that failed for good (Action: failed or 5.x.x).</summary>
    public string? BouncedRecipient { get; init; }

    /// <summary>For a delivery report or text bounce: every recipient it names, with status and action.</summary>
    public IReadOnlyList<BouncedRecipient> BouncedRecipients { get; init; } = [];

    /// <summary>The verdict came from a MIME report (multipart/report or a status part): a report must name a message we sent to be linked.</summary>
    public bool IsReport { get; init; }

    /// <summary>Feedback-Type of an abuse report.</summary>
    public string? FeedbackType { get; init; }

    /// <summary>The message carries our own loop header (so mail from our address is really ours).</summary>
    public bool OurLoopHeader { get; init; }

    /// <summary>A weak automatic signal (auto-reply subject, no-reply address): no acknowledgement and no reopen, but a ticket.</summary>
    public string? AutomaticHint { get; init; }

    /// <summary>Set for the operator's own lists: the person who wrote to the list.</summary>
    public EmailAddress? ListRequester { get; init; }

    /// <summary>Who a new ticket belongs to and who we would answer: Reply-To, else From (or its fallbacks).</summary>
    public EmailAddress? Requester => ListRequester ?? ReplyTo ?? From;

    public string SubjectOrDefault => string.IsNullOrWhiteSpace(Subject) ? "(no subject)" : Subject!;

    public DateTimeOffset EffectiveDate => Date ?? ReceivedAt;

    /// <summary>The duplicate key: the Message-ID, or the hash of the raw bytes when there is none.</summary>
    public string DedupeKey => MessageId is { Length: > 0 } id ? "mid:" + id : "sha256:" + RawSha256;
}
