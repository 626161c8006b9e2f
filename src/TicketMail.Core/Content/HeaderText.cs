using System.Text;
using MimeKit;

namespace TicketMail.Core.Content;

/// <summary>
/// A header's text when its charset is missing or lies. Raw 8-bit bytes that are not UTF-8 are re-decoded by
/// MimeKit with the charset <see cref="CharsetGuess.PickHeader"/> picks (<see cref="Header.GetValue(Encoding)"/>, or
/// <see cref="ParserOptions.CharsetEncoding"/> for structured headers); encoded words whose bytes contradict their
/// label are decoded again by <see cref="EncodedWords"/>. Subjects, display names and file names all go this way.
/// </summary>
public static class HeaderText
{
    public static string? Subject(MimeMessage message, HeaderHints hints) =>
        message.Headers.FirstOrDefault(h => h.Id == HeaderId.Subject) is { } header ? Value(header, hints) : null;

    public static string Value(Header header, HeaderHints hints)
    {
        var raw = header.RawValue;
        if (EightBit(raw))
        {
            // Unencoded 8-bit text: MimeKit tries UTF-8 first and then the charset given here.
            return CharsetGuess.PickHeader(raw, hints) is { } charset ? header.GetValue(charset) : CharsetGuess.DecodeHeader(raw, hints).Trim();
        }

        var value = header.Value;
        var text = Encoding.ASCII.GetString(raw);
        return EncodedWords.Any(text) && (value.Contains('\uFFFD', StringComparison.Ordinal) || EncodedWords.LabelLies(text))
            ? EncodedWords.Decode(text, hints)
            : value;
    }

    /// <summary>
    /// For a structured header (addresses, Content-Disposition): the raw value and parser options that make MimeKit
    /// read it right, or false when MimeKit's own reading already is (ASCII with honest encoded words, or UTF-8).
    /// </summary>
    public static bool TryRepair(Header header, HeaderHints hints, out byte[] raw, out ParserOptions options)
    {
        raw = header.RawValue;
        options = ParserOptions.Default;
        if (EightBit(raw))
        {
            if (CharsetGuess.PickHeader(raw, hints) is not { CodePage: not 65001 } charset)
            {
                return false;
            }

            options = ParserOptions.Default.Clone();
            options.CharsetEncoding = charset;
            return true;
        }

        var text = Encoding.ASCII.GetString(raw);
        if (!EncodedWords.Any(text) || !EncodedWords.LabelLies(text))
        {
            return false;
        }

        raw = Encoding.ASCII.GetBytes(EncodedWords.Repair(text, hints));
        return true;
    }

    private static bool EightBit(byte[] raw) => raw.AsSpan().IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0;
}
