using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace TicketMail.Core.Routing;

/// <summary>
/// Variable envelope return paths for the mail we send. Each outgoing message gets a random token; its
/// Message-ID is &lt;token@domain&gt; and its envelope sender support+b-&lt;token&gt;@domain, so a bounce,
/// whatever its format, names the exact message (and so its outbox row and ticket) it is about. The token is
/// not the ticket UUID, which customers see and forward; it appears only where the Message-ID does.
/// </summary>
public static partial class Verp
{
    private const string Prefix = "b-";

    /// <summary>A new Message-ID for a mail we send (without angle brackets).</summary>
    public static string NewMessageId(SupportAddress support) =>
        $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}@{support.Domain ?? "localhost"}";

    /// <summary>The envelope sender for a mail of ours, or null when its Message-ID is not one of ours (older mail).</summary>
    public static string? EnvelopeSender(SupportAddress support, string messageId)
    {
        var at = messageId.LastIndexOf('@');
        if (!support.IsConfigured || at <= 0 || !Token().IsMatch(messageId[..at]))
        {
            return null;
        }

        return $"{support.LocalPart}+{Prefix}{messageId[..at]}@{support.Domain}";
    }

    /// <summary>The Message-ID a VERP recipient stands for, or null when the address is no VERP address of ours.</summary>
    public static string? MessageIdOf(SupportAddress support, string? address)
    {
        if (address is null || !support.IsOurs(address))
        {
            return null;
        }

        var at = address.LastIndexOf('@');
        var local = address[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus < 0 || !local[(plus + 1)..].StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = local[(plus + 1 + Prefix.Length)..].ToLowerInvariant();
        return Token().IsMatch(token) ? $"{token}@{support.Domain}" : null;
    }

    [GeneratedRegex("^[0-9a-f]{24}$", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
