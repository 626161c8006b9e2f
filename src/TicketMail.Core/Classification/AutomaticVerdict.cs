using TicketMail.Core.Mail;

namespace TicketMail.Core.Classification;

/// <summary>
/// What the headers and structure say about who wrote a message. <see cref="Reason"/> is null for mail a
/// person wrote; otherwise one of <see cref="AutomaticReasons"/>.
/// </summary>
public sealed record AutomaticVerdict(string? Reason, string? Evidence)
{
    public static AutomaticVerdict Human { get; } = new(null, null);

    /// <summary>For a report or bounce: the Message-ID of the message it is about (the returned original).</summary>
    public string? BouncedMessageId { get; init; }

    /// <summary>For a delivery report: the recipients it names, with what happened to each.</summary>
    public IReadOnlyList<BouncedRecipient> Recipients { get; init; } = [];

    /// <summary>The first recipient that failed for good (Action: failed or a 5.x.x status), if any.</summary>
    public string? BouncedRecipient => Recipients.FirstOrDefault(r => r.Permanent)?.Address;

    /// <summary>The report came as a MIME report (multipart/report or a status part), not just text.</summary>
    public bool IsReport { get; init; }

    /// <summary>Feedback-Type of an abuse report (abuse, fraud, ...).</summary>
    public string? FeedbackType { get; init; }

    /// <summary>The message carries our own loop header.</summary>
    public bool OurLoopHeader { get; init; }

    /// <summary>A weak signal (an auto-reply subject, a no-reply address): no acknowledgement, no reopen, but a ticket.</summary>
    public string? Hint { get; init; }

    /// <summary>For the operator's own lists: the person who wrote to the list (X-Original-From, Reply-To).</summary>
    public EmailAddress? Requester { get; init; }

    /// <summary>Our own MTA's Authentication-Results says dmarc=fail.</summary>
    public bool Spoofed { get; init; }

    /// <summary>Our own MTA's Authentication-Results says dmarc=pass: the From domain is proven.</summary>
    public bool DmarcPass { get; init; }

    /// <summary>The Authentication-Results header that made <see cref="Spoofed"/> true.</summary>
    public string? SpoofEvidence { get; init; }
}
