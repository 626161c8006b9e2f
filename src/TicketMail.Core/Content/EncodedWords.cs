using System.Text;
using System.Text.RegularExpressions;

namespace TicketMail.Core.Content;

/// <summary>
/// RFC 2047 encoded words whose bytes contradict their label: 8-bit bytes under a 7-bit label (ISO-2022-JP,
/// us-ascii), bytes the label cannot decode, a label .NET does not know, valid multi-byte UTF-8 under a single-byte
/// label, or one character split over two words. Adjacent words of one charset are decoded together, each run with
/// its label when the label fits the bytes, else with <see cref="CharsetGuess.DecodeHeader"/>.
/// </summary>
public static partial class EncodedWords
{
    [GeneratedRegex(@"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?\s]*)\?=", RegexOptions.CultureInvariant)]
    private static partial Regex EncodedWord();

    public static bool Any(string raw) => EncodedWord().IsMatch(raw);

    /// <summary>Whether any word's label does not fit its own bytes (so MimeKit's decoding of it is wrong).</summary>
    public static bool LabelLies(string raw) =>
        EncodedWord().Matches(raw).Any(m => CharsetFamily.Fitting(m.Groups[1].Value, Payload(m)) is null);

    /// <summary>The text with its encoded words decoded (white space between two of them dropped, RFC 2047 section 6.2), unfolded.</summary>
    public static string Decode(string raw, HeaderHints hints)
    {
        var sb = new StringBuilder();
        foreach (var (gap, text, afterWord) in Runs(raw, hints))
        {
            sb.Append(afterWord && text is not null && string.IsNullOrWhiteSpace(gap) ? "" : Unfold(gap)).Append(text);
        }

        return sb.ToString().Trim();
    }

    /// <summary>
    /// The raw text with each run of encoded words replaced by one UTF-8 encoded word of its decoded text, so that
    /// MimeKit's structured parsers (addresses, parameters) read the right text and still see the header's syntax.
    /// </summary>
    public static string Repair(string raw, HeaderHints hints)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var (gap, text, _) in Runs(raw, hints))
        {
            sb.Append(gap);
            if (text is not null)
            {
                sb.Append("=?utf-8?b?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(text))).Append("?=");
            }
        }

        return sb.ToString();
    }

    /// <summary>Each run of adjacent words of one charset, decoded, with the raw text before it; then the rest (Text null).</summary>
    private static IEnumerable<(string Gap, string? Text, bool AfterWord)> Runs(string raw, HeaderHints hints)
    {
        var bytes = new List<byte>();
        string? charset = null;
        var gap = "";
        var afterWord = false;
        var at = 0;
        foreach (Match m in EncodedWord().Matches(raw))
        {
            var between = raw[at..m.Index];
            var sameRun = charset is not null && string.IsNullOrWhiteSpace(between) && m.Groups[1].Value.Equals(charset, StringComparison.OrdinalIgnoreCase);
            if (!sameRun)
            {
                if (charset is not null)
                {
                    yield return (gap, DecodeRun(charset, [.. bytes], hints), afterWord);
                    bytes.Clear();
                    afterWord = true;
                }

                gap = between;
                charset = m.Groups[1].Value;
            }

            bytes.AddRange(Payload(m));
            at = m.Index + m.Length;
        }

        if (charset is not null)
        {
            yield return (gap, DecodeRun(charset, [.. bytes], hints), afterWord);
        }

        yield return (raw[at..], null, false);
    }

    private static string DecodeRun(string charset, byte[] bytes, HeaderHints hints) =>
        CharsetFamily.Fitting(charset, bytes) is { } label ? label.GetString(bytes) : CharsetGuess.DecodeHeader(bytes, hints);

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
