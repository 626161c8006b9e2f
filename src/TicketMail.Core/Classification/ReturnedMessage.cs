using MimeKit;

namespace TicketMail.Core.Classification;

/// <summary>
/// The message a report or bounce is about: an attached message/rfc822 (or message/global), or just its
/// header block (text/rfc822-headers, message/global-headers). Its Message-ID links the report to ours.
/// </summary>
internal static class ReturnedMessage
{
    private const int SearchDepth = 4;

    public static string? MessageId(MimeMessage message)
    {
        var pending = new List<(MimeEntity Entity, int Depth)>();
        if (message.Body is { } body)
        {
            pending.Add((body, 1));
        }

        for (var i = 0; i < pending.Count; i++)
        {
            var (entity, depth) = pending[i];
            switch (entity)
            {
                case MessagePart { Message: { } returned }:
                    if (Clean(returned.MessageId) is { } id)
                    {
                        return id;
                    }

                    break;
                case MimePart part when part.ContentType.MimeType.Equals("text/rfc822-headers", StringComparison.OrdinalIgnoreCase)
                                        || part.ContentType.MimeType.Equals("message/global-headers", StringComparison.OrdinalIgnoreCase):
                    if (Clean(Fields.First(Fields.Parse(Fields.Text(part)), "Message-ID")) is { } headerId)
                    {
                        return headerId;
                    }

                    break;
                case Multipart multipart when depth < SearchDepth:
                    pending.AddRange(multipart.Select(child => (child, depth + 1)));
                    break;
            }
        }

        return null;
    }

    /// <summary>"&lt;id@host&gt;" → id@host; null for anything that is not one Message-ID.</summary>
    public static string? Clean(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var value = id.Trim();
        var open = value.IndexOf('<');
        var close = open < 0 ? -1 : value.IndexOf('>', open);
        if (open >= 0 && close > open)
        {
            value = value[(open + 1)..close];
        }

        value = value.Trim();
        return value.Length > 0 && value.Contains('@', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal) ? value : null;
    }
}
