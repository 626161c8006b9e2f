using System.Text;
using System.Text.RegularExpressions;

namespace TicketMail.Core.Mail;

/// <summary>
/// People paste and save mail messily: a blank line before the headers, a "---- original message ----"
/// banner, an mbox "From " line. This finds where the header block really starts, so that such a message
/// still reads, and says what it skipped. Only the first few kilobytes are looked at.
/// </summary>
internal static partial class LeadingLines
{
    /// <summary>Non-header lines skipped at most; more than this and the input is taken as it is.</summary>
    public const int MaxSkippedLines = 3;

    private const int ScanBytes = 8192;

    public readonly record struct Start(long Offset, string? EnvelopeSender, string? Note);

    public static Start Scan(Stream stream)
    {
        var origin = stream.Position;
        var buffer = new byte[(int)Math.Min(ScanBytes, stream.Length - origin)];
        stream.ReadExactly(buffer);
        stream.Position = origin;

        var blank = 0;
        var skipped = new List<string>();
        string? envelope = null;
        var offset = 0;
        while (offset < buffer.Length)
        {
            var end = Array.IndexOf(buffer, (byte)'\n', offset);
            if (end < 0)
            {
                break;
            }

            var line = Encoding.Latin1.GetString(buffer, offset, end - offset).TrimEnd('\r');
            if (HeaderField().IsMatch(line))
            {
                if (offset == 0)
                {
                    return new Start(origin, null, null);
                }

                return new Start(origin + offset, envelope, Describe(blank, skipped));
            }

            if (line.Trim().Length == 0)
            {
                blank++;
            }
            else if (envelope is null && skipped.Count == 0 && line.StartsWith("From ", StringComparison.Ordinal))
            {
                envelope = EnvelopeAddress(line);
            }
            else if (skipped.Count < MaxSkippedLines)
            {
                skipped.Add(line.Trim());
            }
            else
            {
                break;
            }

            offset = end + 1;
        }

        // No header field within reach: leave the input as it is for MimeKit to judge.
        return new Start(origin, null, null);
    }

    private static string? Describe(int blank, List<string> skipped)
    {
        var parts = new List<string>();
        if (blank > 0)
        {
            parts.Add($"{blank} blank line(s)");
        }

        if (skipped.Count > 0)
        {
            var shown = string.Join(" / ", skipped.Select(s => s.Length <= 60 ? s : s[..60] + "..."));
            parts.Add($"{skipped.Count} line(s) that are not header fields (\"{Printable(shown)}\")");
        }

        // Only an mbox envelope line, which MimeKit would skip by itself, is not worth a note.
        return parts.Count == 0 ? null : $"skipped {string.Join(" and ", parts)} before the header block";
    }

    internal static string? EnvelopeAddress(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return null;
        }

        var address = parts[1].Trim('<', '>');
        return address.Contains('@', StringComparison.Ordinal) && address != "MAILER-DAEMON" ? address : null;
    }

    private static string Printable(string value) =>
        new(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    // RFC 5322 field name: printable ASCII except colon, then the colon (obsolete syntax allows blanks before it).
    [GeneratedRegex(@"^[\x21-\x39\x3B-\x7E]+[ \t]*:", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderField();
}
