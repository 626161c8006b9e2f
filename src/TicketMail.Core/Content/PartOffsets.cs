using System.Runtime.CompilerServices;
using MimeKit;

namespace TicketMail.Core.Content;

/// <summary>
/// Where each part's content lies in the raw message, recorded from the parser's events, so an attached
/// message or header block can be stored as the exact bytes the sender sent instead of MimeKit's
/// re-serialisation. Only for seekable input that stays open while the message is read.
/// </summary>
public static class PartOffsets
{
    private sealed record Slice(Stream Raw, long Start, long End);

    private static readonly ConditionalWeakTable<MimeEntity, Slice> Slices = new();

    public static void Track(MimeParser parser, Stream raw)
    {
        if (!raw.CanSeek)
        {
            return;
        }

        // message/rfc822, message/global and text/rfc822-headers (MimeKit's TextRfc822Headers is a MessagePart).
        parser.MimeEntityEnd += (_, e) =>
        {
            if (e.Entity is MessagePart && e.HeadersEndOffset <= e.EndOffset)
            {
                Slices.AddOrUpdate(e.Entity, new Slice(raw, e.HeadersEndOffset, e.EndOffset));
            }
        };
    }

    /// <summary>Copies the part's original content bytes to <paramref name="target"/>; false when they are not known.</summary>
    public static bool TryCopy(MimeEntity entity, Stream target)
    {
        if (!Slices.TryGetValue(entity, out var slice) || slice.End > slice.Raw.Length)
        {
            return false;
        }

        var saved = slice.Raw.Position;
        try
        {
            slice.Raw.Position = slice.Start;
            var buffer = new byte[81920];
            for (var left = slice.End - slice.Start; left > 0;)
            {
                var n = slice.Raw.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n <= 0)
                {
                    break;
                }

                target.Write(buffer, 0, n);
                left -= n;
            }
        }
        finally
        {
            slice.Raw.Position = saved;
        }

        return true;
    }
}
