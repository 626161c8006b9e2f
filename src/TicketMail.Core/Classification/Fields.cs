using System.Text;
using MimeKit;

namespace TicketMail.Core.Classification;

/// <summary>
/// "Name: value" blocks as the machine-readable parts of reports write them (RFC 3464, 5965): groups
/// separated by blank lines, continuation lines folded in. Read as text, so a part MimeKit did not
/// type (or typed loosely) reads the same way.
/// </summary>
internal static class Fields
{
    private const int MaxBytes = 64 * 1024;

    public static string Text(MimePart part)
    {
        if (part.Content is null)
        {
            return "";
        }

        using var buffer = new MemoryStream();
        using (var decoded = part.Content.Open())
        {
            var chunk = new byte[8192];
            int read;
            while (buffer.Length < MaxBytes && (read = decoded.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        var bytes = buffer.ToArray();
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    public static List<List<KeyValuePair<string, string>>> Groups(string text)
    {
        var groups = new List<List<KeyValuePair<string, string>>>();
        var current = new List<KeyValuePair<string, string>>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (raw.Trim().Length == 0)
            {
                if (current.Count > 0)
                {
                    groups.Add(current);
                    current = [];
                }

                continue;
            }

            if ((raw[0] == ' ' || raw[0] == '\t') && current.Count > 0)
            {
                var last = current[^1];
                current[^1] = new(last.Key, last.Value + " " + raw.Trim());
                continue;
            }

            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                current.Add(new(raw[..colon].Trim(), raw[(colon + 1)..].Trim()));
            }
        }

        if (current.Count > 0)
        {
            groups.Add(current);
        }

        return groups;
    }

    public static List<KeyValuePair<string, string>> Parse(string text) => Groups(text).SelectMany(g => g).ToList();

    public static string? First(List<KeyValuePair<string, string>> fields, string name) =>
        fields.FirstOrDefault(f => f.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } value ? value : null;
}
