using System.Globalization;

namespace TicketMail.Cli.Export;

/// <summary>
/// mboxrd quoting: a line that starts with any number of '&gt;' and then "From " gets one more '&gt;' when written,
/// and loses one when read back, so that every message, "From " lines in its body included, comes back byte for
/// byte (plain mbox cannot tell a quoted "&gt;From " from an original one; mboxrd can).
/// </summary>
public static class MboxFormat
{
    private static readonly byte[] From = "From "u8.ToArray();

    /// <summary>The separator line before a message: "From sender asctime".</summary>
    public static byte[] FromLine(string sender, DateTime dateUtc)
    {
        var who = string.IsNullOrWhiteSpace(sender) || sender.Any(char.IsWhiteSpace) ? "MAILER-DAEMON" : sender;
        var day = dateUtc.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2);
        var when = dateUtc.ToString("ddd MMM ", CultureInfo.InvariantCulture) + day + dateUtc.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture);
        return System.Text.Encoding.ASCII.GetBytes($"From {who} {when}\n");
    }

    /// <summary>
    /// Writes one message: the newline that ends the previous one (if any), its "From " line and its quoted bytes.
    /// A reader takes the newline before each "From " line off again, and nothing at the end of the file, so the
    /// last message gets none: every message reads back exactly as it was, with or without a final newline.
    /// </summary>
    /// <param name="previous">The previous message's bytes, or empty for the first.</param>
    public static void Write(Stream output, string sender, DateTime dateUtc, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> previous)
    {
        if (!previous.IsEmpty)
        {
            output.Write(previous.EndsWith("\r\n"u8) ? "\r\n"u8 : "\n"u8);
        }

        output.Write(FromLine(sender, dateUtc));
        foreach (var range in Lines(raw))
        {
            var line = raw[range];
            if (IsFromLine(line))
            {
                output.WriteByte((byte)'>');
            }

            output.Write(line);
        }
    }

    /// <summary>Undoes the quoting of one message read from an mbox: "&gt;From " becomes "From ", "&gt;&gt;From " becomes "&gt;From ".</summary>
    public static byte[] Unquote(byte[] raw)
    {
        var ranges = Lines(raw.AsSpan());
        if (!ranges.Any(r => raw.AsSpan(r).StartsWith(">"u8) && IsFromLine(raw.AsSpan(r)[1..])))
        {
            return raw;
        }

        using var result = new MemoryStream(raw.Length);
        foreach (var range in ranges)
        {
            var line = raw.AsSpan(range);
            result.Write(line.StartsWith(">"u8) && IsFromLine(line[1..]) ? line[1..] : line);
        }

        return result.ToArray();
    }

    /// <summary>A stream of the message's unquoted bytes (the message is read whole: it is at most the size limit).</summary>
    public static Stream Unquote(Stream quoted)
    {
        using (quoted)
        {
            using var buffer = new MemoryStream();
            quoted.CopyTo(buffer);
            return new MemoryStream(Unquote(buffer.ToArray()), writable: false);
        }
    }

    private static bool IsFromLine(ReadOnlySpan<byte> line)
    {
        var i = 0;
        while (i < line.Length && line[i] == '>')
        {
            i++;
        }

        return line[i..].StartsWith(From);
    }

    /// <summary>Each line with its ending.</summary>
    private static List<Range> Lines(ReadOnlySpan<byte> raw)
    {
        var lines = new List<Range>();
        var start = 0;
        while (start < raw.Length)
        {
            var newline = raw[start..].IndexOf((byte)'\n');
            var end = newline < 0 ? raw.Length : start + newline + 1;
            lines.Add(start..end);
            start = end;
        }

        return lines;
    }
}
