using System.Text.RegularExpressions;
using MimeKit;
using TicketMail.Core.Mail;

namespace TicketMail.Core.Classification;

public sealed partial class AutomaticMailClassifier
{
    /// <summary>Authentication-Results from our own MTA (the authserv-id is the first token) with dmarc=fail.</summary>
    private string? SpoofCheck(MimeMessage message)
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
            var authserv = FirstToken(semicolon >= 0 ? value[..semicolon] : value);
            if (authserv.Equals(options.AuthservId.Trim(), StringComparison.OrdinalIgnoreCase) && DmarcFail().IsMatch(value))
            {
                return "Authentication-Results: " + InboundMailReader.SingleLine(value);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\bdmarc\s*=\s*fail\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DmarcFail();
}
