using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using TicketMail.Core.Mail;

namespace TicketMail.Core.Classification;

public sealed partial class AutomaticMailClassifier
{
    /// <summary>Authentication-Results from our own MTA (the authserv-id is the first token) with dmarc=fail.</summary>
    private string? SpoofCheck(MimeMessage message) => Dmarc(message, DmarcFail());

    /// <summary>Our own MTA's Authentication-Results whose DMARC result matches <paramref name="result"/>.</summary>
    private string? Dmarc(MimeMessage message, Regex result)
    {
        if (string.IsNullOrWhiteSpace(options.AuthservId))
        {
            return null;
        }

        foreach (var header in message.Headers)
        {
            if (!header.Field.Equals("Authentication-Results", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = header.Value ?? "";
            var semicolon = value.IndexOf(';', StringComparison.Ordinal);
            // RFC 8601 allows a comment (CFWS) before the authserv-id: "(from our MX) mx.example.com; dmarc=fail".
            var authserv = FirstToken(WithoutComments(semicolon >= 0 ? value[..semicolon] : value));
            if (authserv.Equals(options.AuthservId.Trim(), StringComparison.OrdinalIgnoreCase) && result.IsMatch(value))
            {
                return "Authentication-Results: " + InboundMailReader.SingleLine(value);
            }
        }

        return null;
    }

    /// <summary>The text without (comments), nested ones included, as RFC 5322 CFWS allows.</summary>
    private static string WithoutComments(string value)
    {
        var text = new StringBuilder(value.Length);
        var depth = 0;
        foreach (var c in value)
        {
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
                text.Append(' ');
            }
            else if (depth == 0)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"\bdmarc\s*=\s*fail\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DmarcFail();

    [GeneratedRegex(@"\bdmarc\s*=\s*pass\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DmarcPassed();
}
