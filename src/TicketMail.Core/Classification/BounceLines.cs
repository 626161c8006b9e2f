using System.Text.RegularExpressions;

namespace TicketMail.Core.Classification;

/// <summary>
/// Labels the lines of a bounce's own text, the way a reader of the bounce would: a heading announcing failed
/// recipients, a listed address, an address stated with its failure, and the wording of the failure (status
/// code, SMTP reply, "user unknown", "will retry"). It reads one line at a time and knows nothing of the others.
/// </summary>
internal static partial class BounceLines
{
    public static BounceLine Classify(string line)
    {
        var wording = DelayWording().IsMatch(line) ? BounceFailure.Delayed : PermanentWording().IsMatch(line) ? BounceFailure.Permanent : BounceFailure.None;
        return Read(line, wording) with { Indent = line.Trim().Length == 0 ? -1 : line.Length - line.TrimStart().Length, Wording = wording };
    }

    private static BounceLine Read(string line, BounceFailure wording)
    {
        var status = BounceText.StatusCode(line);
        var smtp = SmtpCode().Match(line) is { Success: true } code ? code.Groups[1].Value : null;
        // A code says it first (5.x.x or 5xx is permanent, 4.x.x or 4xx delayed), then the words.
        var failure = (status ?? smtp) is { } c ? c[0] switch { '5' => BounceFailure.Permanent, '4' => BounceFailure.Delayed, _ => BounceFailure.None } : wording;
        // "550-5.1.1 a@b ...": the reply code is no part of the address after it.
        var reply = SmtpReply().Match(line);
        var text = reply.Success ? line[reply.Length..] : line;
        if (reply.Success && reply.Groups[1].Value == "2")
        {
            // "250 <a@b>, Sender ok" in a session transcript: a reply that accepted something states no failure.
            return BounceLine.Other;
        }

        if (!text.Contains('@', StringComparison.Ordinal))
        {
            // No address: a heading at most (most lines of most mail end here, after one more regex).
            return Heading().IsMatch(text) ? new BounceLine(BounceLineKind.Heading, null, HeadingFailure(text), status, smtp)
                : new BounceLine(BounceLineKind.Other, null, failure, status, smtp);
        }

        if (OriginOf().Match(text) is { Success: true } origin && BounceText.Useful(origin.Groups[1].Value))
        {
            return new BounceLine(BounceLineKind.Origin, origin.Groups[1].Value, failure, status, smtp);
        }

        // A heading announces the list below it; an address before its words is the sender greeted ("Sorry a@b. Your
        // mail to the following recipients could not be delivered"), one after them is the failed recipient itself.
        if (Heading().Match(text) is { Success: true } heading && FirstAddress(text[(heading.Index + heading.Length)..]) is null
            && !RecipientBefore().IsMatch(text[..heading.Index]))
        {
            return new BounceLine(BounceLineKind.Heading, null, HeadingFailure(text), status, smtp);
        }

        if (SubjectLine().Match(text) is { Success: true } subject && BounceText.Useful(subject.Groups[1].Value))
        {
            return new BounceLine(BounceLineKind.Statement, subject.Groups[1].Value, failure, status, smtp);
        }

        if (ItemLine().Match(text) is { Success: true } item && BounceText.Useful(item.Groups[1].Value))
        {
            return new BounceLine(BounceLineKind.Item, item.Groups[1].Value, failure, status, smtp);
        }

        if (StatedFailure().IsMatch(text) && FirstAddress(text) is { } address)
        {
            return new BounceLine(BounceLineKind.Statement, address, failure, status, smtp);
        }

        return new BounceLine(BounceLineKind.Other, null, failure, status, smtp);
    }

    private static BounceFailure HeadingFailure(string line) =>
        DelayWording().IsMatch(line) || TransientHeading().IsMatch(line) ? BounceFailure.Delayed
        : PermanentHeading().IsMatch(line) ? BounceFailure.Permanent
        : BounceFailure.None;

    private static string? FirstAddress(string line)
    {
        foreach (Match m in Address().Matches(line))
        {
            // "not accepting mail from a@b", "sent by a@b": the sender, not a recipient.
            if (BounceText.Useful(m.Value) && !SenderBefore().IsMatch(line[..m.Index]))
            {
                return m.Value;
            }
        }

        return null;
    }

    // A heading: "the following ... failed / could not be reached / did not receive", "could not be delivered to:",
    // "Failed addresses follow", "The address to which the message has not yet been delivered is:".
    [GeneratedRegex(@"(following (e-?mail )?(recipients?|address(es|\(es\))?|users?|recipient\(s\)|destination addresses)\b.*\b(fail|could not|couldn't|did not|didn't|was not|were not|had (permanent|transient)|not deliver|delayed|aborted|unreachable)|(fail|could not|couldn't|did not|didn't|was not|were not|not be) (be )?(deliver(ed)?|reach(ed)?|sent) (to )?the following|(not|n't|unable|failed|impossible)\b.{0,30}\bdeliver.{0,40}\bto the following|\b(rejected|returned|bounced)\b.{0,30}\bto the following|did not receive a copy|(could not|couldn't|cannot|can't|was not|wasn't|were not|unable to) (be )?deliver(ed)?( (your |the )?(message|mail|e-?mail))?( to)?( the following( addresses| recipients?| address\(es\)| recipient\(s\))?)?[.:]?\s*$|not delivered to( the following( \w+)?)?:?\s*$|did not reach the following recipient|failed (addresses|recipients)( follow)?|address(es|\(es\))? failed:?\s*$|the address to which the message has not yet been delivered|delivery has failed to these recipients|your message to:\s*$|delivery of (e-?mail|your message) to this address\s*$|message not delivered to the following)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"(permanent|failed permanently|fatal)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PermanentHeading();

    [GeneratedRegex(@"(transient|not yet been delivered|delayed|postponed)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TransientHeading();

    // An entry of a list: the line is only an address (in <>, quotes, or after "* ", "- ", "> "), with ':' or
    // "... reason" or " on <date>" after it.
    [GeneratedRegex(@"^\s*(?:[>*-]+\s*|failed recipient:\s*|""[^""]*""\s*|.*;dda:SMTP=)?[<""']?([A-Za-z0-9._%+'=/-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})[>""']?(?:<mailto:[^>]*>)?\s*(?::|;.*|\.\.\..*|\s+\S.*)?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ItemLine();

    // An address at the start of a line, then what happened to it (Postfix, qmail, Sendmail, Exim, Exchange).
    [GeneratedRegex(@"^\s*(?:rcpt to:|recipient:|original-recipient:|final-recipient:\s*rfc822;|failed recipient:)?\s*<?([A-Za-z0-9._%+'=/-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?\s*(?::|\.\.\.|\(|,|\s+-|\s+on\s|\s+host\s|\s+SMTP)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectLine();

    // A line that states one recipient's failure in the MTA's words, wherever the address stands in it.
    [GeneratedRegex(@"(unknown user|user unknown|unknown recipient|recipient unknown|addressee unknown|no such (user|mailbox|recipient|address)|invalid (final delivery userid|mailbox|recipient|address)|delivery failed \d+ attempts|undeliverable|(n't|not|never) (be |been )?delivered|problem delivering|did not reach the following recipient|unable to deliver (the |your )?(message |mail )?to\b|could not be delivered to\s+\S+@|failed recipient|mailbox (is )?(full|unavailable|not found|disabled)|over (disk )?quota|quota (exceeded|violation)|does not exist|doesn't have an? .* account|not listed in|user not found|is unavailable|intended recipient:|error-for:|\(reason:|account (has been )?(disabled|discontinued|deactivated)|no longer (valid|active|available)|address (is )?(wrong|invalid|rejected)|recipient address rejected|cannot be delivered)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatedFailure();

    // Wording of a failure for good, when no code says it (a reader needs no code to know "user unknown" is final).
    [GeneratedRegex(@"(user unknown|unknown user|unknown recipient|recipient unknown|addressee unknown|no such (user|mailbox|recipient|address)|user not found|not listed in|does not exist|doesn't have an? .* account|no mailbox here|invalid (final delivery userid|mailbox|recipient)|account (has been )?(disabled|discontinued|deactivated)|permanent (fatal )?(error|failure)|failed permanently|i'm not going to try again|i've given up|retry timeout exceeded|will not be (retried|delivered))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PermanentWording();

    // Wording of a delay: the MTA will try again.
    [GeneratedRegex(@"(will (continue|retry|try again|be retried)|(be )?retried for|still (trying|undelivered)|has (not yet been|been (delayed|postponed)|not been delivered yet)|delivery (is |has been )?delayed|(is|was) delayed|warning message only|this is (just )?a warning|transient (non-fatal )?(error|failure))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DelayWording();

    [GeneratedRegex(@"^\s*\((?:expanded from|generated from|originally addressed to):?\s*<?([A-Za-z0-9._%+'=/-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginOf();

    [GeneratedRegex(@"[A-Za-z0-9._%+'=/-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    // "Your message to a@b couldn't be delivered": the address the heading's words are about.
    [GeneratedRegex(@"\bto:?\s*[<""']?[A-Za-z0-9._%+'=/-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RecipientBefore();

    [GeneratedRegex(@"\b(from|by|sender|sent by|envelope-from)[:=]?\s*[<""'(]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SenderBefore();

    [GeneratedRegex(@"^\s*(?:<<<\s*)?([245])\d\d[- ](?:[245]\.\d{1,3}\.\d{1,3}\s+)?", RegexOptions.CultureInvariant)]
    private static partial Regex SmtpReply();

    [GeneratedRegex(@"\b([45][0-5]\d)(?:[ -]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SmtpCode();
}
