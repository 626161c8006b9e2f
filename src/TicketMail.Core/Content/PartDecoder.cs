using MimeKit;

namespace TicketMail.Core.Content;

/// <summary>
/// Decodes a part's content where MimeKit's decoders lose data: base64 whose last group is short
/// (<see cref="LenientBase64"/>) and uuencode without its "begin" line (<see cref="LenientUuDecoder"/>).
/// Everything else goes through MimeKit. Deterministic, so both passes of AttachmentBuffer agree.
/// </summary>
internal static class PartDecoder
{
    public static void DecodeTo(MimePart part, Stream target)
    {
        if (part.Content is not { } content)
        {
            return;
        }

        switch (content.Encoding)
        {
            case ContentEncoding.Base64 when content.Stream is { CanSeek: true } raw:
                raw.Position = 0;
                LenientBase64.Decode(raw, target);
                break;
            case ContentEncoding.UUEncode when content.Stream is { CanSeek: true } raw:
                raw.Position = 0;
                LenientUuDecoder.Decode(raw, target);
                break;
            default:
                content.DecodeTo(target);
                break;
        }
    }
}
