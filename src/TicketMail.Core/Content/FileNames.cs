using System.Globalization;
using System.Text;
using MimeKit;

namespace TicketMail.Core.Content;

/// <summary>
/// Makes an attachment's name safe to show and to save: the last path segment only, no control or bidi
/// characters, none of Windows' reserved names or characters, at most 255 bytes of UTF-8, and never empty.
/// </summary>
public static class FileNames
{
    public const int MaxBytes = 255;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <param name="name">The decoded name from the message, if any.</param>
    /// <param name="contentType">The part's MIME type, for the extension of a generated name.</param>
    /// <param name="index">1-based position of the attachment, for "attachment-N".</param>
    public static string Sanitize(string? name, string contentType, int index)
    {
        var clean = Clean(name ?? "");
        return clean.Length > 0 ? clean : $"attachment-{index}{ExtensionFor(contentType)}";
    }

    public static string ExtensionFor(string contentType)
    {
        if (contentType.Equals("message/rfc822", StringComparison.OrdinalIgnoreCase))
        {
            return ".eml";
        }

        // Reports and header blocks are text a person reads; MIME knows no extension for them.
        if (contentType.ToLowerInvariant() is "text/rfc822-headers" or "message/delivery-status" or "message/global-delivery-status"
            or "message/disposition-notification" or "message/feedback-report")
        {
            return ".txt";
        }

        if (MimeTypes.TryGetExtension(contentType, out var ext) && !string.IsNullOrEmpty(ext))
        {
            return ext.StartsWith('.') ? ext : "." + ext;
        }

        return contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? ".txt" : ".bin";
    }

    private static string Clean(string name)
    {
        // The last segment of either kind of path: "../../etc/passwd" and "C:\x\y.exe" keep only the file.
        var segment = name.Split('/', '\\').LastOrDefault(s => s.Trim().Trim('.').Length > 0) ?? "";
        var builder = new StringBuilder(segment.Length);
        foreach (var rune in segment.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                // Control characters, and format characters such as U+202E (right-to-left override) that make
                // "invoice‮fdp.exe" look like a PDF.
                continue;
            }

            builder.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "_" : rune.ToString());
        }

        // Composed form (NFC): macOS sends "Documentacio\u0301n.pdf", which a reader (and a file system) takes
        // for the same name as "Documentación.pdf". The runes above are valid, so normalising cannot throw.
        var composed = builder.ToString().Normalize(NormalizationForm.FormC);

        // Windows drops trailing dots and spaces, in any mix ("evil.exe. . " is evil.exe); leading dots hide files on Unix.
        var result = string.Join(' ', composed.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        result = result.Trim().Trim('.', ' ', '\t');
        if (result.Length == 0)
        {
            return "";
        }

        var stem = result.Split('.')[0].TrimEnd();
        if (Reserved.Contains(stem))
        {
            result = "_" + result;
        }

        return Truncate(result);
    }

    private static string Truncate(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxBytes)
        {
            return name;
        }

        var dot = name.LastIndexOf('.');
        var ext = dot > 0 && name.Length - dot <= 16 ? name[dot..] : "";
        var stem = ext.Length > 0 ? name[..dot] : name;
        var budget = MaxBytes - Encoding.UTF8.GetByteCount(ext);
        var kept = new StringBuilder();
        var used = 0;
        foreach (var rune in stem.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget)
            {
                break;
            }

            used += rune.Utf8SequenceLength;
            kept.Append(rune.ToString());
        }

        return ext.Length > 0 ? kept.ToString().TrimEnd() + ext : kept.ToString().TrimEnd('.', ' ');
    }
}
