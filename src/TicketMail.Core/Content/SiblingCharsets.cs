using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace TicketMail.Core.Content;

/// <summary>
/// The charsets a message declares anywhere (part labels, encoded words, RFC 2231 parameters, attached messages),
/// as strict 8-bit encodings: the best guess for a header or body of the same message that has no usable label.
/// Multi-byte families come first, because a strict multi-byte decode that succeeds is evidence; single-byte ones
/// decode anything and so come last.
/// </summary>
public static partial class SiblingCharsets
{
    [GeneratedRegex(@"=\?([A-Za-z0-9_.:+-]+)(?:\*[A-Za-z-]*)?\?[BbQq]\?|\*=([A-Za-z0-9_.:+-]+)'", RegexOptions.CultureInvariant)]
    private static partial Regex Declared();

    public static IReadOnlyList<Encoding> Of(MimeMessage message)
    {
        var names = new List<string>();
        Collect(message, names, depth: 0);
        var encodings = names.Distinct(StringComparer.OrdinalIgnoreCase)
            .SelectMany(CharsetFamily.Of)
            .DistinctBy(e => e.CodePage)
            .ToList();
        return [.. encodings.Where(e => !e.IsSingleByte), .. encodings.Where(e => e.IsSingleByte)];
    }

    private static void Collect(MimeMessage message, List<string> names, int depth)
    {
        Headers(message.Headers, names);
        foreach (var entity in message.BodyParts.Prepend(message.Body).OfType<MimeEntity>())
        {
            Headers(entity.Headers, names);
            if (entity.ContentType.Charset is { Length: > 0 } charset)
            {
                names.Add(charset);
            }

            if (entity is MessagePart { Message: { } inner } && depth < 8)
            {
                Collect(inner, names, depth + 1);
            }
        }
    }

    private static void Headers(HeaderList headers, List<string> names)
    {
        foreach (var header in headers)
        {
            var raw = Encoding.Latin1.GetString(header.RawValue);
            foreach (Match m in Declared().Matches(raw))
            {
                names.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
            }
        }
    }
}
