using System.Runtime.CompilerServices;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace TicketMail.Core.Content;

/// <summary>
/// Decodes a text part to a string. The label is trusted only when the bytes agree with it: an unlabelled or
/// us-ascii part with 8-bit bytes, 8-bit bytes under a 7-bit label (ISO-2022-JP), or bytes that do not fit the
/// label go to <see cref="CharsetGuess"/> (UTF-8, the message's other charsets, the detector, windows-1252).
/// So no U+FFFD appears where a fallback would do.
/// </summary>
public static class TextDecoder
{
    /// <summary>Registers the legacy code pages (windows-1252, KOI8-R, ISO-2022-JP, ...) once per process.</summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Code pages must be there before any part is decoded.")]
    internal static void RegisterCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 { get; } = Encoding.GetEncoding(1252);

    /// <summary>Decodes at most <paramref name="maxBytes"/> of the part (cut at a line end); Size says how many there were.</summary>
    public static (string Text, long Size) Decode(TextPart part, int maxBytes, IReadOnlyList<Encoding>? siblings = null)
    {
        // Sized from the encoded length (decoding never grows base64 or quoted-printable): no doubling copies.
        var encoded = part.Content?.Stream is { CanSeek: true } stream ? stream.Length : 0;
        using var buffer = new TextPrefix(maxBytes, (int)Math.Min(encoded, int.MaxValue / 2));
        part.Content?.DecodeTo(buffer);
        var text = Decode(buffer.Bytes, Lookup(part.ContentType), siblings);
        if (part.IsFlowed)
        {
            // format=flowed: soft line breaks end in a space; FlowedToText joins them (honouring DelSp).
            var delsp = part.ContentType.Parameters.TryGetValue("delsp", out string? d) && d.Equals("yes", StringComparison.OrdinalIgnoreCase);
            text = new FlowedToText { DeleteSpace = delsp }.Convert(text);
        }

        return (text, buffer.Size);
    }

    public static string Decode(ReadOnlySpan<byte> bytes, Encoding? label, IReadOnlyList<Encoding>? siblings = null)
    {
        var eightBit = bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0;
        if (!eightBit && label is null or { CodePage: 20127 or 65001 })
        {
            return Encoding.ASCII.GetString(bytes);
        }

        if (label is not null && (!eightBit || !SevenBit(label)))
        {
            var text = label.GetString(bytes);
            // A replacement character the bytes did not spell out themselves means the label was wrong.
            if (!text.Contains('\uFFFD', StringComparison.Ordinal) || bytes.IndexOf("\uFFFD"u8) >= 0)
            {
                return text;
            }
        }

        return CharsetGuess.Decode(bytes, siblings ?? []);
    }

    /// <summary>us-ascii and the ISO-2022 family: an 8-bit byte under such a label proves the label wrong.</summary>
    private static bool SevenBit(Encoding label) => label.CodePage is 20127 or 50220 or 50221 or 50222 or 50225 or 52936;

    private static Encoding? Lookup(ContentType type)
    {
        if (string.IsNullOrWhiteSpace(type.Charset))
        {
            return null;
        }

        try
        {
            // MimeKit knows the aliases mail uses (e.g. "latin1", "cp1252") beyond .NET's own names; null when unknown.
            return type.CharsetEncoding;
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException)
        {
            return null;
        }
    }
}
