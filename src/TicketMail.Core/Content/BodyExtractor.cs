using System.Security.Cryptography;
using MimeKit;
using TicketMail.Core.Mail;

namespace TicketMail.Core.Content;

/// <summary>Finds the readable text of a message and the parts that are attachments.</summary>
public sealed class BodyExtractor
{
    public ExtractedBody Extract(MimeMessage message)
    {
        var text = message.TextBody ?? "";
        var html = message.HtmlBody;
        if (text.Length == 0 && html is not null)
        {
            text = html;
        }

        var attachments = new List<InboundAttachment>();
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            using var buffer = new MemoryStream();
            part.Content?.DecodeTo(buffer);
            var bytes = buffer.ToArray();
            attachments.Add(new InboundAttachment(
                part.FileName ?? $"attachment-{attachments.Count + 1}",
                part.ContentType.MimeType,
                bytes.LongLength,
                Convert.ToHexStringLower(SHA256.HashData(bytes)),
                Inline: false,
                part.ContentId,
                bytes));
        }

        return new ExtractedBody(text, text, html, attachments, []);
    }
}
