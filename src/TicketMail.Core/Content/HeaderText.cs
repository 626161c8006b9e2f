using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace TicketMail.Core.Content;

/// <summary>
/// A header's text when its charset is missing or lies. Raw 8-bit bytes that are not UTF-8 are re-decoded by
/// MimeKit (<see cref="Header.GetValue(Encoding)"/>) with the charset <see cref="CharsetGuess"/> picks; encoded
/// words whose bytes contradict their label (8-bit bytes under ISO-2022-JP, bytes the label cannot decode), or
/// that split one character over two words, are decoded again here, adjacent words of one charset together.
/// </summary>
public static partial class HeaderText
{
    [GeneratedRegex(@"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?\s]*)\?=", RegexOptions.CultureInvariant)]
    private static partial Regex EncodedWord();

    public static string? Subject(MimeMessage message, IReadOnlyList<Encoding> siblings) =>
        message.Headers.FirstOrDefault(h => h.Id == HeaderId.Subject) is { } header ? Value(header, siblings) : null;

    public static string Value(Header header, IReadOnlyList<Encoding> siblings)
    {
        var raw = header.RawValue;
        if (raw.AsSpan().IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0)
        {
            // Unencoded 8-bit text: MimeKit tries UTF-8 first and then the charset given here.
            return CharsetGuess.Pick(raw, siblings) is { } charset ? header.GetValue(charset) : CharsetGuess.Decode(raw, siblings).Trim();
        }

        var value = header.Value;
        var text = Encoding.ASCII.GetString(raw);
        return EncodedWord().IsMatch(text) && (value.Contains('\uFFFD', StringComparison.Ordinal) || LabelLies(text))
            ? Redecode(text, siblings)
            : value;
    }

    /// <summary>An encoded word labelled with a 7-bit charset whose bytes are 8-bit.</summary>
    private static bool LabelLies(string raw) =>
        EncodedWord().Matches(raw).Any(m => SevenBitLabel(m.Groups[1].Value) && Payload(m).AsSpan().IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0);

    private static bool SevenBitLabel(string charset) =>
        charset.StartsWith("iso-2022-", StringComparison.OrdinalIgnoreCase) || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase);

    private static string Redecode(string raw, IReadOnlyList<Encoding> siblings)
    {
        var sb = new StringBuilder();
        var bytes = new List<byte>();
        string? charset = null;
        var at = 0;
        foreach (Match m in EncodedWord().Matches(raw))
        {
            var gap = raw[at..m.Index];
            var sameRun = charset is not null && string.IsNullOrWhiteSpace(gap) && m.Groups[1].Value.Equals(charset, StringComparison.OrdinalIgnoreCase);
            if (!sameRun)
            {
                Flush(sb, bytes, charset, siblings);
                // White space between two encoded words is not text (RFC 2047 section 6.2).
                sb.Append(charset is not null && string.IsNullOrWhiteSpace(gap) ? "" : Unfold(gap));
                charset = m.Groups[1].Value;
            }

            bytes.AddRange(Payload(m));
            at = m.Index + m.Length;
        }

        Flush(sb, bytes, charset, siblings);
        sb.Append(Unfold(raw[at..]));
        return sb.ToString().Trim();
    }

    private static void Flush(StringBuilder sb, List<byte> bytes, string? charset, IReadOnlyList<Encoding> siblings)
    {
        if (bytes.Count == 0)
        {
            return;
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes);
        var label = charset is null || SevenBitLabel(charset) && span.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0 ? null : CharsetFamily.Strict(charset);
        sb.Append(label is not null && CharsetGuess.TryStrict(label, span, out var text) ? text : CharsetGuess.Decode(span, siblings));
        bytes.Clear();
    }

    private static string Unfold(string text) => text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);

    private static byte[] Payload(Match m)
    {
        var data = m.Groups[3].Value;
        if (m.Groups[2].Value is "B" or "b")
        {
            using var target = new MemoryStream();
            LenientBase64.Decode(new MemoryStream(Encoding.ASCII.GetBytes(data)), target);
            return target.ToArray();
        }

        var bytes = new List<byte>(data.Length);
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == '=' && i + 2 < data.Length && byte.TryParse(data.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.Add(data[i] == '_' ? (byte)' ' : (byte)data[i]);
            }
        }

        return [.. bytes];
    }
}
