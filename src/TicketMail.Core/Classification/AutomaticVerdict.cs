namespace TicketMail.Core.Classification;

/// <summary>
/// What the headers say about who wrote a message. <see cref="Reason"/> is null for mail a person wrote;
/// otherwise one of <see cref="AutomaticReasons"/>.
/// </summary>
public sealed record AutomaticVerdict(string? Reason, string? Evidence)
{
    public static AutomaticVerdict Human { get; } = new(null, null);

    /// <summary>For a delivery report: the Message-ID of the message that bounced.</summary>
    public string? BouncedMessageId { get; init; }

    /// <summary>For a delivery report: the recipient that failed (Final-Recipient).</summary>
    public string? BouncedRecipient { get; init; }

    /// <summary>Our own MTA's Authentication-Results says dmarc=fail.</summary>
    public bool Spoofed { get; init; }

    /// <summary>Our own MTA's Authentication-Results says dmarc=pass: the From domain is proven.</summary>
    public bool DmarcPass { get; init; }

    /// <summary>The Authentication-Results header that made <see cref="Spoofed"/> true.</summary>
    public string? SpoofEvidence { get; init; }
}
