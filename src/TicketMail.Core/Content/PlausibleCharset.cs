using System.Text;

namespace TicketMail.Core.Content;

/// <summary>
/// The single-byte charset of short 8-bit text that has no usable label and too few bytes for the detector
/// (a subject, a display name, a file name). Each common candidate decodes the bytes, and its words are judged
/// (<see cref="WordShape"/>): a wrong charset yields words that mix scripts ("Mьller"), put an accented capital
/// after a small letter ("ôÅÓÔ"), carry symbols between letters ("Za¿ó³æ") or consist only of accented Latin
/// capitals ("ÔÅÓÔ" for KOI8-R "тест"). windows-1252 stays the answer unless another candidate has no bad word
/// and scores strictly higher: Western mail is the common case, so a tie ("Ñandú" reads as well in ISO-8859-2) keeps it.
/// </summary>
public static class PlausibleCharset
{
    // windows-1252 first: it wins every tie. The others are the single-byte charsets mail uses most
    // without a label: Russian/Ukrainian/Bulgarian (windows-1251, KOI8-R) and Central European (ISO-8859-2).
    private static readonly (Encoding Encoding, string[] Languages)[] Candidates =
    [
        (TextDecoder.Windows1252, []),
        (Encoding.GetEncoding("windows-1251"), ["ru", "uk", "bg", "be", "sr", "mk"]),
        (Encoding.GetEncoding("koi8-r"), ["ru", "uk", "be"]),
        (Encoding.GetEncoding("iso-8859-2"), ["pl", "cs", "sk", "hu", "sl", "hr", "ro", "bs"]),
    ];

    /// <param name="bytes">Raw 8-bit text that is not UTF-8.</param>
    /// <param name="language">The message's Content-Language or Accept-Language (primary subtag), if any: it breaks ties.</param>
    public static Encoding Choose(ReadOnlySpan<byte> bytes, string? language = null)
    {
        var best = Candidates[0].Encoding;
        var bestScore = 2 * Score(best.GetString(bytes));
        foreach (var (encoding, languages) in Candidates.AsSpan(1))
        {
            var score = Score(encoding.GetString(bytes));
            if (score is null)
            {
                continue;
            }

            // The language the message declares settles a tie, never more: the doubled score leaves it one point.
            var hinted = language is not null && languages.Contains(language, StringComparer.OrdinalIgnoreCase) ? 1 : 0;
            if ((2 * score) + hinted > (bestScore ?? 0))
            {
                (best, bestScore) = (encoding, (2 * score) + hinted);
            }
        }

        return best;
    }

    /// <summary>White space and ASCII punctuation but the apostrophe: a header's syntax (<c>filename="Счёт.pdf"</c>, <c>&lt;a@b&gt;</c>) is not part of its words.</summary>
    private static readonly char[] Separators = [.. " \t\r\n\u00A0!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~"];

    /// <summary>The sum of the words' scores, or null when any word is implausible.</summary>
    internal static int? Score(string text)
    {
        var total = 0;
        foreach (var word in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var shape = WordShape.Judge(word);
            if (shape == WordShape.Verdict.Bad)
            {
                return null;
            }

            total += shape == WordShape.Verdict.Good ? 2 : shape == WordShape.Verdict.Weak ? 1 : 0;
        }

        return total;
    }
}
