using System.Text;

namespace TicketMail.Cli.Output;

/// <summary>
/// Text from a message (subject, names, file names, bodies) is shown on an operator's terminal and in logs:
/// C0/C1 control characters there are terminal commands (ESC, CSI and OSC sequences clear the screen, set the
/// window title, write the clipboard). Each one is shown escaped (C0 in caret notation, ESC as ^[; C1 and the
/// bidi overrides as \u009b) so nothing reaches the terminal as a command and the operator still sees it was there.
/// JSON needs none of this: its serializer escapes every control character.
/// </summary>
public static class SafeText
{
    /// <summary>For one-line fields (subjects, names, the process line): every control goes, line breaks too.</summary>
    public static string Line(string? text) => Clean(text, keepLayout: false);

    /// <summary>For bodies: newline and tab stay; carriage returns (which overwrite a line) are dropped.</summary>
    public static string Block(string? text) => Clean(text, keepLayout: true);

    public static bool IsUnsafe(char c, bool keepLayout) =>
        (c < 0x20 && !(keepLayout && c is '\n' or '\t')) || c is >= '\u007f' and <= '\u009f'
        // The bidi overrides and isolates reorder what the terminal shows (the "Trojan Source" trick).
        || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';

    private static string Clean(string? text, bool keepLayout)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var first = 0;
        while (first < text.Length && !IsUnsafe(text[first], keepLayout))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            Append(clean, text[i], keepLayout);
        }

        return clean.ToString();
    }

    internal static void Append(StringBuilder clean, char c, bool keepLayout)
    {
        if (!IsUnsafe(c, keepLayout))
        {
            clean.Append(c);
        }
        else if (c == '\r' && keepLayout)
        {
            // A body's CRLF shows as one line break; a lone CR would move the cursor back over the line.
        }
        else if (!keepLayout && c is '\n' or '\r' or '\t')
        {
            clean.Append(' ');
        }
        else if (c < 0x20)
        {
            clean.Append('^').Append((char)(c + 0x40));
        }
        else if (c == '\u007f')
        {
            clean.Append("^?");
        }
        else
        {
            clean.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
