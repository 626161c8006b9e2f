using TicketMail.Core.Mail;

namespace TicketMail.Core.Classification;

public static class VerdictExtensions
{
    /// <summary>
    /// The mail with the verdict's fields set. A bounce's original Message-ID joins References, so the
    /// router's thread rule links the bounce to the ticket our message belonged to.
    /// </summary>
    public static InboundMail With(this InboundMail mail, AutomaticVerdict verdict) => mail with
    {
        Automatic = verdict.Reason,
        AutomaticEvidence = verdict.Evidence ?? verdict.SpoofEvidence,
        Spoofed = verdict.Spoofed,
        DmarcPass = verdict.DmarcPass,
        BouncedMessageId = verdict.BouncedMessageId,
        BouncedRecipient = verdict.BouncedRecipient,
        BouncedRecipients = verdict.Recipients,
        IsReport = verdict.IsReport,
        FeedbackType = verdict.FeedbackType,
        OurLoopHeader = verdict.OurLoopHeader,
        AutomaticHint = verdict.Reason is null ? verdict.Hint : null,
        ListRequester = verdict.Requester,
        References = verdict.BouncedMessageId is { } original && !mail.References.Contains(original, StringComparer.Ordinal)
            ? [.. mail.References, original]
            : mail.References,
    };
}
