using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TicketMail.Core.Content;

/// <summary>
/// The raw bytes and declared charset of an RFC 2231 parameter (<c>filename*=charset'lang'%XX</c>, or continued as
/// <c>filename*0*=</c>, <c>filename*1=</c>, ...), so that a missing or wrong charset can be told from the bytes.
/// MimeKit decodes these values itself; this only recovers what it decoded from.
/// </summary>
public static partial class Rfc2231Value
{
    [GeneratedRegex(@"(?:^|[;\s])([A-Za-z0-9_.-]+)\*(?:(\d{1,3})(\*)?)?\s*=\s*(""(?:[^""\\]|\\.)*""|[^;\s]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();

    /// <summary>The charset ("" when not given) and bytes of <paramref name="parameter"/>, or null when it is not in RFC 2231 form.</summary>
    public static (string Charset, byte[] Bytes)? Of(string rawHeader, string parameter)
    {
        var segments = Segment().Matches(rawHeader)
            .Where(m => m.Groups[1].Value.Equals(parameter, StringComparison.OrdinalIgnoreCase))
            .Select(m => (Index: m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0,
                Extended: !m.Groups[2].Success || m.Groups[3].Success, Value: Unquote(m.Groups[4].Value)))
            .OrderBy(s => s.Index)
            .ToList();
        if (segments.Count == 0 || !segments[0].Extended)
        {
            return null;
        }

        var charset = "";
        var bytes = new List<byte>();
        for (var i = 0; i < segments.Count; i++)
        {
            var value = segments[i].Value;
            if (i == 0)
            {
                // charset'language'text: only the first segment names them.
                var quotes = value.Split('\'', 3);
                if (quotes.Length == 3)
                {
                    (charset, value) = (quotes[0], quotes[2]);
                }
            }

            bytes.AddRange(segments[i].Extended ? PercentDecoded(value) : Encoding.Latin1.GetBytes(value));
        }

        return (charset, [.. bytes]);
    }

    private static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length - 1; i++)
        {
            // A quoted pair: the backslash only protects the next character.
            sb.Append(value[i] == '\\' && i + 1 < value.Length - 1 ? value[++i] : value[i]);
        }

        return sb.ToString();
    }

    private static IEnumerable<byte> PercentDecoded(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length
                && byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                yield return b;
                i += 2;
            }
            else
            {
                yield return (byte)value[i];
            }
        }
    }
}
