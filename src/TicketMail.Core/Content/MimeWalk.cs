using System.Globalization;
using MimeKit;
using MimeKit.Cryptography;
using MimeKit.Tnef;
using TicketMail.Core.Mail;

namespace TicketMail.Core.Content;

/// <summary>
/// One pass over a MIME tree: collects the body texts, and decodes every other part once into an attachment.
/// multipart/signed shows its content (the signature part is dropped), multipart/related's non-root parts are
/// inline, message/rfc822 is kept as an .eml, and TNEF (winmail.dat) is opened up instead of being kept.
/// </summary>
internal sealed class MimeWalk(ContentOptions options, bool textOnly, HeaderHints hints)
{
    private const int MaxDepth = 40;

    public List<string> Plain { get; } = [];
    public List<string> Html { get; } = [];
    public List<InboundAttachment> Attachments { get; } = [];
    public List<string> Notes { get; } = [];
    public List<MimeMessage> Forwarded { get; } = [];

    public void Entity(MimeEntity? entity, int depth, bool related)
    {
        if (entity is null)
        {
            return;
        }

        if (depth > MaxDepth)
        {
            Note("the message nests deeper than " + MaxDepth + " levels; the deeper parts are only in the raw message");
            return;
        }

        switch (entity)
        {
            case MultipartSigned signed:
                // The second part is the signature; the agent reads the first. The raw message keeps both.
                if (signed.Count > 0)
                {
                    Entity(signed[0], depth + 1, related);
                }

                break;
            case MultipartRelated rel:
                var root = rel.Root;
                Entity(root, depth + 1, related);
                foreach (var child in rel.Where(c => !ReferenceEquals(c, root)))
                {
                    Entity(child, depth + 1, related: true);
                }

                break;
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Entity(child, depth + 1, related);
                }

                break;
            case MessagePart forwarded:
                if (forwarded.Message is { } inner)
                {
                    Forwarded.Add(inner);
                }

                AddMessage(forwarded);
                break;
            case TnefPart tnef:
                Tnef(tnef, depth);
                break;
            case TextPart text when !text.IsAttachment && !related && (text.IsPlain || text.IsHtml):
                var limit = text.IsHtml ? options.MaxHtmlBytes : options.MaxTextBytes;
                var (decoded, size) = TextDecoder.Decode(text, limit, hints.Siblings);
                if (size > limit)
                {
                    Note(string.Create(CultureInfo.InvariantCulture, $"the {(text.IsHtml ? "HTML" : "text")} body has {size:N0} bytes; only the first {limit:N0} are shown (the raw message keeps all of it)"));
                }

                (text.IsHtml ? Html : Plain).Add(decoded);
                if (!string.IsNullOrWhiteSpace(text.FileName))
                {
                    // An inline text part with a file name is a file shown in place (Netscape, webmail "inline"
                    // attachments): it reads as body text and is kept as an inline attachment, so it can be saved.
                    AddPart(text, related: true);
                }
                break;
            case MimePart part:
                AddPart(part, related);
                break;
        }
    }

    private void Tnef(TnefPart tnef, int depth)
    {
        MimeMessage converted;
        try
        {
            converted = tnef.ConvertToMessage();
        }
        catch (Exception ex) when (ex is FormatException or IOException or InvalidOperationException or ArgumentException or NotSupportedException or OverflowException or IndexOutOfRangeException)
        {
            // A TNEF we cannot read is still the sender's data: keep it, and say why it is not opened up.
            Note($"winmail.dat (TNEF) could not be decoded ({ex.Message}); kept as it is");
            AddPart(tnef, related: false);
            return;
        }

        using (converted)
        {
            Entity(converted.Body, depth + 1, related: false);
        }
    }

    private void AddPart(MimePart part, bool related)
    {
        if (textOnly)
        {
            return;
        }

        var type = part.ContentType.MimeType.ToLowerInvariant();
        var fileName = PartName.Of(part, hints);
        if (type == "application/octet-stream" && fileName is { Length: > 0 } known)
        {
            // TNEF and lazy clients label everything octet-stream; the name says more (report.txt is text/plain).
            type = MimeTypes.GetMimeType(known).ToLowerInvariant();
        }

        var inline = related || (part.ContentDisposition?.Disposition == ContentDisposition.Inline && type.StartsWith("image/", StringComparison.Ordinal));
        using var buffer = AttachmentBuffer.Decode(options.MaxAttachmentBytes, target => PartDecoder.DecodeTo(part, target));
        Add(fileName ?? Description(part), type, inline, part.ContentId, buffer);
    }

    private void AddMessage(MessagePart forwarded)
    {
        if (textOnly)
        {
            return;
        }

        var type = forwarded.ContentType.MimeType.ToLowerInvariant();
        var name = PartName.Of(forwarded, hints) ?? Description(forwarded);
        if (string.IsNullOrWhiteSpace(name) && type == "message/rfc822" && forwarded.Message is { } inner && HeaderText.Subject(inner, hints) is { Length: > 0 } subject)
        {
            name = subject + ".eml";
        }

        // The exact bytes the sender attached (parser offsets); MimeKit's re-serialisation only when they are not known.
        using var buffer = AttachmentBuffer.Decode(options.MaxAttachmentBytes, target =>
        {
            if (!PartOffsets.TryCopy(forwarded, target))
            {
                forwarded.Message?.WriteTo(FormatOptions.Default, target);
            }
        });
        Add(name, type, inline: false, forwarded.ContentId, buffer);
    }

    private void Add(string? rawName, string type, bool inline, string? contentId, AttachmentBuffer buffer)
    {
        var (sha, content) = buffer.Finish();
        var name = FileNames.Sanitize(rawName, type, Attachments.Count + 1);
        if (content is null)
        {
            Note(string.Create(CultureInfo.InvariantCulture,
                $"attachment \"{name}\" ({buffer.Size} bytes) was left out: it is over the limit of {options.MaxAttachmentBytes} bytes (TICKETMAIL_MAX_ATTACHMENT_BYTES)"));
        }

        Attachments.Add(new InboundAttachment(name, type, buffer.Size, sha, inline, string.IsNullOrWhiteSpace(contentId) ? null : contentId.Trim(), content));
    }

    /// <summary>Content-Description names a part that has no file name ("Delivery report", "Scanned invoice").</summary>
    private static string? Description(MimeEntity entity) =>
        entity.Headers[HeaderId.ContentDescription] is { Length: > 0 } d && !string.IsNullOrWhiteSpace(d)
            ? d.Trim() : null;

    private void Note(string note)
    {
        if (!Notes.Contains(note))
        {
            Notes.Add(note);
        }
    }
}
