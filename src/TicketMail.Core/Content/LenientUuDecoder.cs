namespace TicketMail.Core.Content;

/// <summary>
/// uuencode, read line by line: an optional "begin mode name" line, then lines whose first character gives
/// their byte count, up to "end" or an empty line. MimeKit's decoder waits for "begin" and yields nothing
/// when a client left it off; this one decodes the payload either way.
/// </summary>
public static class LenientUuDecoder
{
    public static void Decode(Stream encoded, Stream target)
    {
        using var reader = new StreamReader(encoded, System.Text.Encoding.Latin1, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var output = new byte[64];
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("begin ", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }

            if (line.TrimEnd() == "end")
            {
                break;
            }

            var count = (line[0] - 32) & 63;
            var n = 0;
            for (var i = 1; i + 3 < line.Length + 3 && n < count; i += 4)
            {
                int a = Six(line, i), b = Six(line, i + 1), c = Six(line, i + 2), d = Six(line, i + 3);
                var group = (a << 18) | (b << 12) | (c << 6) | d;
                for (var k = 0; k < 3 && n < count && n < output.Length; k++)
                {
                    output[n++] = (byte)(group >> (16 - (8 * k)));
                }
            }

            target.Write(output, 0, n);
        }
    }

    // Missing characters at a trimmed line end read as zero ('`' or ' ').
    private static int Six(string line, int i) => i < line.Length ? (line[i] - 32) & 63 : 0;
}
