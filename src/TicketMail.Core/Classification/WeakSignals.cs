using System.Text.RegularExpressions;
using MimeKit;
using TicketMail.Core.Mail;

namespace TicketMail.Core.Classification;

/// <summary>
/// Signals that alone never suppress a ticket (people write such subjects, Outlook sets
/// X-Auto-Response-Suppress on ordinary mail): an auto-reply or bounce subject, a no-reply address to
/// answer to, the opening lines MTAs write into bounces. One alone only stops the acknowledgement and the
/// reopen; two together are proof. Subject and body rules never apply to a forward (Fwd:, Fw:, WG:, TR:,
/// RV:, ...): a customer who forwards a bounce to the help desk is a person. Quoted lines are never read.
/// </summary>
internal static partial class WeakSignals
{
    public sealed record Found(string? AutoReplySubject, string? BounceSubject, string? NoReply, string? Suppress, string? BounceIntro, string? AutoReplyBody)
    {
        public IEnumerable<string> All =>
            new[]
            {
                AutoReplySubject is null ? null : "Subject: " + AutoReplySubject,
                BounceSubject is null ? null : "Subject: " + BounceSubject,
                NoReply is null ? null : "reply address " + NoReply,
                Suppress is null ? null : "X-Auto-Response-Suppress: " + Suppress,
                BounceIntro is null ? null : "body: " + BounceIntro,
                AutoReplyBody is null ? null : "body: " + AutoReplyBody,
            }.OfType<string>();
    }

    public static Found Read(MimeMessage message, EmailAddress? replyTo, EmailAddress? from, Func<BounceText.Result> body)
    {
        var subject = message.Subject is { } s ? InboundMailReader.SingleLine(s) : "";
        var forwarded = Forward().IsMatch(subject);
        var suppressIndex = message.Headers.IndexOf("X-Auto-Response-Suppress");
        var suppress = suppressIndex < 0 ? null : InboundMailReader.SingleLine(message.Headers[suppressIndex].Value ?? "");
        return new Found(
            !forwarded && AutoReplySubject().IsMatch(subject) ? subject : null,
            !forwarded && BounceSubject().IsMatch(subject) ? subject : null,
            SenderShapes.NoReply(replyTo, from),
            suppress,
            forwarded ? null : body().Intro,
            forwarded ? null : body().AutoReplyLine);
    }

    public static bool IsForward(string? subject) => subject is not null && Forward().IsMatch(subject);

    [GeneratedRegex(@"^\s*(fwd?|wg|tr|rv|enc|vs|doorst|fw)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Forward();

    // "Automatic reply: ...", "Out of Office: ...", and their translations; Lotus Notes writes "AUTO: ".
    [GeneratedRegex(@"^\s*(re:\s*)?(\[[^\]]*\]\s*)?(auto(matic)?[ -]?(reply|response|responder|answer)|autoreply|auto:|out of (the )?office|ooo\b|abwesenheit|automatische antwort|r[ée]ponse automatique|absence du bureau|risposta automatica|fuori (sede|ufficio)|respuesta autom[áa]tica|fuera de la oficina|resposta autom[áa]tica|automatisch antwoord|afwezig|autosvar|automatisk svar|fr[åa]nvaro|automaattinen vastaus|odpowied[źz] automatyczna|poza biurem|nepřítomnost|automatick[áa] odpověď|automatisk besked|vacation( reply)?:|on vacation|away from (the )?office|[^:]*automātiskā atbilde|[^:]*automatiska atbilde)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AutoReplySubject();

    [GeneratedRegex(@"^\s*((re|aw|sv|antw|wg|r)\s*:\s*)?.{0,80}\b(undeliverable|undelivered mail|undeliverable mail|mail delivery (failed|failure|problem)|delivery (status notification|failure|failed|notification)|returned mail|return(ed)? to sender|failure notice|delivery has failed|non-?deliver(able|y)|message (not delivered|delivery failure|undeliverable)|could not send message|delayed mail|warning: (could not send|message .* delayed)|mail system error|unzustellbar|nicht zustellbar|non remis|impossible de remettre|non recapitabile|onbestelbaar|no se puede entregar|não entregue|olevererbart|kan ikke leveres|mail could not be delivered|nondeliverable)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BounceSubject();
}
