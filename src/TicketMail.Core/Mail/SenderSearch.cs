using MimeKit;
using MimeKit.Utils;

namespace TicketMail.Core.Mail;

/// <summary>
/// Who sent a message, even when its From cannot be parsed: people's clients and robots write
/// `Name user@host`, spaces in local parts, trailing dots. The order is From (parsed, else salvaged from
/// its raw text), then Sender, Reply-To, Return-Path and the mbox envelope line; the result says which.
/// </summary>
public static class SenderSearch
{
    public readonly record struct Found(EmailAddress? Address, string? Source)
    {
        /// <summary>A note for the message when the sender did not come from a well-formed From.</summary>
        public string? Note => Source is null or "From" ? null : $"sender taken from {Source}";
    }

    /// <param name="addresses">The address headers with display names re-decoded; null reads MimeKit's parse.</param>
    public static Found Find(MimeMessage message, string? envelopeSender, AddressHeaders? addresses = null)
    {
        if (Mailbox(addresses?.From ?? message.From) is { } from)
        {
            return new Found(from, "From");
        }

        if (Salvage(addresses?.Text(HeaderId.From) ?? HeaderValue(message, HeaderId.From)) is { } salvaged)
        {
            return new Found(salvaged, "the raw From header (it does not parse as RFC 5322)");
        }

        if (message.Sender is { Address.Length: > 0 } sender)
        {
            return new Found(Mailbox([sender]), "Sender");
        }

        if (Mailbox(addresses?.ReplyTo ?? message.ReplyTo) is { } replyTo)
        {
            return new Found(replyTo, "Reply-To");
        }

        if (Salvage(HeaderValue(message, HeaderId.ReturnPath)) is { } returnPath)
        {
            return new Found(returnPath with { Name = null }, "Return-Path");
        }

        return envelopeSender is { Length: > 0 } envelope && Salvage(envelope) is { } fromLine
            ? new Found(fromLine with { Name = null }, "the mbox envelope line")
            : new Found(null, null);
    }

    /// <summary>
    /// The address in the last &lt;...&gt;, else the last token with an @, trimmed of quotes and punctuation;
    /// the rest of the text is the display name. Null when nothing there looks like an address.
    /// </summary>
    public static EmailAddress? Salvage(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var value = InboundMailReader.SingleLine(raw);
        string candidate;
        string rest;
        var open = value.LastIndexOf('<');
        var close = open < 0 ? -1 : value.IndexOf('>', open);
        if (open >= 0 && close > open)
        {
            candidate = value[(open + 1)..close];
            rest = value[..open] + value[(close + 1)..];
        }
        else
        {
            var tokens = value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            var last = Array.FindLastIndex(tokens, t => t.Contains('@', StringComparison.Ordinal));
            if (last < 0)
            {
                return null;
            }

            candidate = tokens[last];
            rest = string.Join(' ', tokens.Where((_, i) => i != last));
        }

        var address = Clean(candidate);
        if (address is null)
        {
            return null;
        }

        var name = rest.Trim().Trim('"', '\'', ' ', '(', ')', ',', ';', ':').Trim();
        return new EmailAddress(address, name.Length == 0 ? null : name);
    }

    public static EmailAddress? Mailbox(IEnumerable<InternetAddress> list) =>
        list.OfType<MailboxAddress>().Concat(list.OfType<GroupAddress>().SelectMany(g => g.Members.Mailboxes))
            // A local-only address ("From: me") is kept as MimeKit parsed it: refusing it would refuse a person.
            .Where(m => !string.IsNullOrWhiteSpace(m.Address))
            .Select(m => new EmailAddress(m.Address.Trim(), string.IsNullOrWhiteSpace(m.Name) ? null : InboundMailReader.SingleLine(m.Name)))
            .FirstOrDefault();

    private static string? Clean(string candidate)
    {
        var address = candidate.Trim().Trim('"', '\'', '<', '>', '(', ')', '[', ']', ',', ';', ':', '.', ' ');
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return null;
        }

        // "Postmaster\@host@host" (an escaped @ in the local part): the local part ends at its first @.
        var first = address.IndexOf('@');
        var local = address[..first].Replace("\\", "", StringComparison.Ordinal).Trim().Trim('"');
        var domain = address[(at + 1)..].Trim().TrimEnd('.');
        if (local.Length == 0 || domain.Length == 0 || domain.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        // "john doe@example.com" inside brackets: the local part had spaces; quote it so it stays one address.
        return local.Contains(' ', StringComparison.Ordinal) ? $"{MimeUtils.Quote(local)}@{domain}" : $"{local}@{domain}";
    }

    private static string? HeaderValue(MimeMessage message, HeaderId id)
    {
        var index = message.Headers.IndexOf(id);
        return index < 0 ? null : message.Headers[index].Value;
    }
}
