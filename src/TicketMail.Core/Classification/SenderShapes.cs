using System.Text.RegularExpressions;
using MimeKit;
using TicketMail.Core.Mail;

namespace TicketMail.Core.Classification;

/// <summary>
/// Senders that only robots are: MAILER-DAEMON, postmaster and "Mail Delivery System" in any spelling, a
/// From whose only mailbox is empty (From: &lt;&gt;), an empty or MAILER-DAEMON Return-Path.
/// </summary>
internal static partial class SenderShapes
{
    public static (string Header, string Value)? Strong(MimeMessage message, EmailAddress? from)
    {
        if (from is not null && DaemonLocalPart().IsMatch(LocalPart(from.Address)))
        {
            return ("From", from.Address);
        }

        if (from?.Name is { } name && DaemonName().IsMatch(name.Trim('"', ' ')))
        {
            return ("From", $"{name} <{from.Address}>");
        }

        var fromIndex = message.Headers.IndexOf(HeaderId.From);
        if (from is null && fromIndex >= 0 && EmptyMailbox(message.Headers[fromIndex].Value))
        {
            var raw = InboundMailReader.SingleLine(message.Headers[fromIndex].Value ?? "");
            return ("From", raw.Length == 0 ? "(empty)" : raw);
        }

        var returnPathIndex = message.Headers.IndexOf(HeaderId.ReturnPath);
        if (returnPathIndex >= 0)
        {
            var value = InboundMailReader.SingleLine(message.Headers[returnPathIndex].Value ?? "");
            var inner = value.Trim().Trim('<', '>').Trim();
            if (inner.Length == 0 || DaemonLocalPart().IsMatch(LocalPart(inner)))
            {
                return ("Return-Path", value.Length == 0 ? "<>" : value);
            }
        }

        return null;
    }

    /// <summary>A no-reply address to answer to: Reply-To when there is one (a person may write from a no-reply system with a real Reply-To), else From.</summary>
    public static string? NoReply(EmailAddress? replyTo, EmailAddress? from)
    {
        var address = (replyTo ?? from)?.Address;
        return address is not null && NoReplyLocalPart().IsMatch(LocalPart(address)) ? address : null;
    }

    private static bool EmptyMailbox(string? value)
    {
        var text = (value ?? "").Trim();
        return text.Length == 0 || text.EndsWith("<>", StringComparison.Ordinal) || !text.Contains('@', StringComparison.Ordinal) && DaemonName().IsMatch(text.Trim('"'));
    }

    private static string LocalPart(string address)
    {
        var at = address.LastIndexOf('@');
        return (at > 0 ? address[..at] : address).Trim('"');
    }

    [GeneratedRegex(@"^(mailer[-_.]?daemon|post[-_.]?master|mail[-_.]?delivery[-_.]?(system|subsystem)|mail[-_.]?daemon)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DaemonLocalPart();

    [GeneratedRegex(@"^(mailer[-_. ]?daemon|mail delivery (system|subsystem|service)|mail administrator|postmaster|mail system)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DaemonName();

    [GeneratedRegex(@"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|noreply[-_.+].*|no[-_.]?reply[-_.+].*|.*[-_.+]no[-_.]?reply)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoReplyLocalPart();
}
