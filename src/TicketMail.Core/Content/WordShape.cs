using System.Globalization;

namespace TicketMail.Core.Content;

/// <summary>
/// Whether one word of decoded text looks like a word of some language, to tell the right single-byte charset
/// from a wrong one (<see cref="PlausibleCharset"/>). Only the characters beyond ASCII are in question: a word
/// without any is <see cref="Verdict.Neutral"/>.
/// </summary>
public static class WordShape
{
    public enum Verdict
    {
        /// <summary>Nothing beyond ASCII: says nothing about the charset.</summary>
        Neutral,

        /// <summary>Letters of one script in a natural case pattern.</summary>
        Good,

        /// <summary>
        /// Possible but unusual: every letter a capital with two or more beyond ASCII ("ÔÅÓÔ", "ФЕУФ"), or a Latin
        /// word that is mostly accented letters ("òåñò"). Real words are mostly lower case, and Latin words mostly ASCII.
        /// </summary>
        Weak,

        /// <summary>Two scripts in one word, a capital after a small letter, or a symbol or control character among letters.</summary>
        Bad,
    }

    /// <summary>Symbols that sit next to words in real text: currency, units, marks.</summary>
    private const string WordSymbols = "€£$¥°©®™§";

    public static Verdict Judge(string word)
    {
        var letters = new List<char>(word.Length);
        bool beyondAscii = false, garbage = false, misplaced = false;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (char.IsLetter(c))
            {
                letters.Add(c);
                beyondAscii |= c >= 0x80;
            }
            else if (c >= 0x80)
            {
                beyondAscii = true;
                // Control characters, U+FFFD and box drawing (KOI8-R's upper half read wrongly) are never text.
                garbage |= char.IsControl(c) || c == '\uFFFD' || c is >= '\u2500' and <= '\u25FF';
                // Between two letters only an apostrophe belongs: "Za¿ó³æ", "mo¿e" are ISO-8859-2 read as windows-1252.
                var inside = i > 0 && char.IsLetter(word[i - 1]) && i + 1 < word.Length && char.IsLetter(word[i + 1]);
                misplaced |= inside ? c is not '’' and not '‘' : !Allowed(c);
            }
        }

        if (garbage)
        {
            return Verdict.Bad;
        }

        if (!beyondAscii || letters.Count < 2)
        {
            // Nothing beyond ASCII, no letters to judge ("–", "«»"), or one letter: a lone letter says nothing about
            // the language, and is what a symbol reads as elsewhere ("VIAGRA ® Official" is "VIAGRA Ž Official" in
            // ISO-8859-2, "50€" is "50Ђ" in windows-1251).
            return Verdict.Neutral;
        }

        if (misplaced || Scripts(letters) > 1 || BadCase(letters))
        {
            return Verdict.Bad;
        }

        var accented = letters.Count(c => c >= 0x80);
        if (accented == 0)
        {
            // The characters beyond ASCII were allowed punctuation or symbols ("«Hello»", "5€").
            return Verdict.Neutral;
        }

        var capitals = letters.All(char.IsUpper) && accented >= 2;
        var mostlyAccentedLatin = letters.Count >= 2 && 2 * accented > letters.Count && Script(letters[0]) == 'L';
        return capitals || mostlyAccentedLatin ? Verdict.Weak : Verdict.Good;
    }

    /// <summary>Punctuation («», „“, ’, –, ¿) and the symbols of <see cref="WordSymbols"/>; not ¼ ³ ¬ ± ˘ or box drawing.</summary>
    private static bool Allowed(char c) =>
        WordSymbols.Contains(c, StringComparison.Ordinal) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.DashPunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.OtherPunctuation && c is not '¶' and not '·';

    private static int Scripts(List<char> letters) => letters.Select(Script).Distinct().Count();

    /// <summary>L(atin), C(yrillic), G(reek) or O(ther). ª º µ are Latin letters outside the Latin blocks.</summary>
    private static char Script(char c) => c switch
    {
        _ when char.IsAsciiLetter(c) || c is 'ª' or 'º' or 'µ' || c is >= '\u00C0' and <= '\u024F' => 'L',
        >= '\u0400' and <= '\u04FF' => 'C',
        >= '\u0370' and <= '\u03FF' => 'G',
        _ => 'O',
    };

    /// <summary>A capital right after a small letter ("ôÅ"), or a small letter after two capitals ("ÅÓô"), where an accented letter takes part.</summary>
    private static bool BadCase(List<char> letters)
    {
        for (var i = 1; i < letters.Count; i++)
        {
            var (previous, current) = (letters[i - 1], letters[i]);
            var accented = previous >= 0x80 || current >= 0x80;
            if (accented && char.IsLower(previous) && char.IsUpper(current))
            {
                return true;
            }

            if (i >= 2 && char.IsUpper(letters[i - 2]) && char.IsUpper(previous) && char.IsLower(current) && (accented || letters[i - 2] >= 0x80))
            {
                return true;
            }
        }

        return false;
    }
}
