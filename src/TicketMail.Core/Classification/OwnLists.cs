using MimeKit;
using TicketMail.Core.Mail;

namespace TicketMail.Core.Classification;

/// <summary>
/// TICKETMAIL_OWN_LISTS: mailing lists the operator runs, whose mail people write. A message from one is
/// not "list" mail; its requester is the person who wrote to the list (X-Original-From, else a Reply-To
/// that is not the list itself, else From).
/// </summary>
internal static class OwnLists
{
    private static readonly string[] AddressHeaders = ["List-Post", "Mailing-List", "X-Mailing-List", "Sender", "To", "Cc"];

    /// <summary>The list entry that matched, or null.</summary>
    public static string? Match(MimeMessage message, IReadOnlyList<string> lists)
    {
        if (lists.Count == 0)
        {
            return null;
        }

        var listId = Value(message, "List-Id");
        foreach (var entry in lists)
        {
            if (listId is not null && Mentions(listId, entry))
            {
                return entry;
            }

            foreach (var name in AddressHeaders)
            {
                if (Value(message, name) is { } value && Mentions(value, entry) && entry.Contains('@', StringComparison.Ordinal))
                {
                    return entry;
                }
            }
        }

        return null;
    }

    public static EmailAddress? Requester(MimeMessage message, string list)
    {
        if (SenderSearch.Salvage(Value(message, "X-Original-From")) is { } original)
        {
            return original;
        }

        var replyTo = SenderSearch.Mailbox(message.ReplyTo);
        return replyTo is not null && !replyTo.Matches(list) ? replyTo : null;
    }

    private static bool Mentions(string value, string entry) =>
        value.Contains("<" + entry + ">", StringComparison.OrdinalIgnoreCase)
        || value.Contains("mailto:" + entry, StringComparison.OrdinalIgnoreCase)
        || value.Trim().Equals(entry, StringComparison.OrdinalIgnoreCase)
        || entry.Contains('@', StringComparison.Ordinal) && value.Contains(entry, StringComparison.OrdinalIgnoreCase);

    private static string? Value(MimeMessage message, string name)
    {
        var index = message.Headers.IndexOf(name);
        return index < 0 ? null : message.Headers[index].Value;
    }
}
