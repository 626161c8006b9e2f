using MimeKit;
using TicketMail.Core.Content;

namespace TicketMail.Core.Mail;

/// <summary>Turns a parsed MimeMessage into the <see cref="InboundMail"/> value that routing and storage use.</summary>
public sealed class InboundMailReader(BodyExtractor bodies)
{
    public InboundMail Read(MimeMessage message, string rawSha256, long rawSize, DateTimeOffset receivedAt) =>
        Read(new LoadedMessage(message, null, []), rawSha256, rawSize, receivedAt);

    /// <summary>
    /// Reads the message. A message without any sender address still reads (From is null): whether that is
    /// acceptable depends on whether it is automatic, which <see cref="MailIntake"/> decides afterwards.
    /// </summary>
    public InboundMail Read(LoadedMessage loaded, string rawSha256, long rawSize, DateTimeOffset receivedAt)
    {
        var message = loaded.Message;
        var hints = HeaderHints.Of(message);
        var addresses = new AddressHeaders(message, hints);
        var sender = SenderSearch.Find(message, loaded.EnvelopeSender, addresses);
        var from = sender.Address;
        var replyTo = SenderSearch.Mailbox(addresses.ReplyTo);
        var body = bodies.Extract(message, hints);
        IReadOnlyList<string> notes = [.. loaded.Notes, .. sender.Note is { } note ? [note] : Array.Empty<string>(), .. body.Notes];
        return new InboundMail
        {
            RawSha256 = rawSha256,
            RawSize = rawSize,
            MessageId = Clean(message.MessageId),
            InReplyTo = Clean(message.InReplyTo) is { } irt ? [irt] : [],
            References = CappedReferences(message.References.Select(Clean).OfType<string>().ToList()),
            From = from,
            ReplyTo = replyTo,
            To = Mailboxes(addresses.To),
            Cc = Mailboxes(addresses.Cc),
            DeliveredTo = HeaderAddresses(message, "Delivered-To", "X-Original-To"),
            Subject = HeaderText.Subject(message, hints) is { } s ? SingleLine(s) : null,
            Date = message.Headers.Contains(HeaderId.Date) ? message.Date : null,
            ReceivedAt = receivedAt,
            Text = body.Text,
            Reply = body.Reply,
            Html = body.Html,
            ReplyHtml = body.ReplyHtml,
            Attachments = body.Attachments,
            Notes = notes,
        };
    }

    private static List<EmailAddress> Mailboxes(IEnumerable<InternetAddress> list) =>
        list.OfType<MailboxAddress>().Concat(list.OfType<GroupAddress>().SelectMany(g => g.Members.Mailboxes))
            .Where(m => !string.IsNullOrWhiteSpace(m.Address))
            .Select(m => new EmailAddress(m.Address.Trim(), string.IsNullOrWhiteSpace(m.Name) ? null : SingleLine(m.Name)))
            .ToList();

    private static List<string> HeaderAddresses(MimeMessage message, params string[] names)
    {
        var result = new List<string>();
        foreach (var header in message.Headers.Where(h => names.Contains(h.Field, StringComparer.OrdinalIgnoreCase)))
        {
            if (InternetAddressList.TryParse(header.Value, out var list))
            {
                result.AddRange(list.Mailboxes.Select(m => m.Address));
            }
        }

        return result;
    }

    /// <summary>How many References are kept: the thread's root and the newest ones, which are what threading uses.</summary>
    public const int MaxReferences = 100;

    /// <summary>
    /// A hostile References header can name 100,000 ids: each becomes a query parameter (SQLite allows 32,766 in a
    /// statement, Npgsql 65,535) and a stored column. The root (first) and the newest 99 ids are kept.
    /// </summary>
    internal static List<string> CappedReferences(List<string> references) =>
        references.Count <= MaxReferences ? references : [references[0], .. references.GetRange(references.Count - (MaxReferences - 1), MaxReferences - 1)];

    private static string? Clean(string? id) => string.IsNullOrWhiteSpace(id) ? null : id.Trim().Trim('<', '>');

    /// <summary>Header values end up in log lines and one-line output, so CR, LF and tabs become spaces.</summary>
    internal static string SingleLine(string value) =>
        string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
