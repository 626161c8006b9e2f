using System.Text;

namespace TicketMail.Core.Content;

/// <summary>
/// Line-ending and trailing-space normalization in one pass: CRLF and CR become LF, each line loses its trailing
/// white space, and the text loses leading and trailing empty lines. A 40 MB body of short lines used to be split
/// into millions of strings and joined again (several full copies, gigabytes); this holds the input and one output,
/// and returns the input itself when it is already normal.
/// </summary>
public static class TextLines
{
    public static string Normalize(string text)
    {
        if (IsNormal(text))
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        var lineStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('\r' or '\n'))
            {
                continue;
            }

            var end = i;
            while (end > lineStart && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            output.Append(text, lineStart, end - lineStart);
            if (i < text.Length)
            {
                output.Append('\n');
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }

            lineStart = i + 1;
        }

        var start = 0;
        var length = output.Length;
        while (start < length && output[start] == '\n')
        {
            start++;
        }

        while (length > start && output[length - 1] == '\n')
        {
            length--;
        }

        return output.ToString(start, length - start);
    }

    private static bool IsNormal(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (text[0] == '\n' || text[^1] == '\n' || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        var index = text.AsSpan().IndexOf('\r');
        if (index >= 0)
        {
            return false;
        }

        // White space right before a line break.
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i > 0; i = text.IndexOf('\n', i + 1))
        {
            if (char.IsWhiteSpace(text[i - 1]) && text[i - 1] != '\n')
            {
                return false;
            }
        }

        return true;
    }
}
