using System.Text.RegularExpressions;

namespace TicketMail.Core.Routing;

/// <summary>
/// The help desk's address, e.g. support@example.com. Replies carry the ticket as a tag:
/// support+&lt;uuid&gt;@example.com. Without a configured address any local part and domain are accepted,
/// so a fresh install still threads replies.
/// </summary>
public sealed partial class SupportAddress
{
    private readonly Regex _tag;

    private SupportAddress(string? localPart, string? domain)
    {
        LocalPart = localPart;
        Domain = domain;
        var local = localPart is null ? "[^@+]+" : Regex.Escape(localPart);
        var dom = domain is null ? "[^@]+" : Regex.Escape(domain);
        _tag = new Regex(
            $"^{local}\\+(?<uuid>[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}})@{dom}$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    public string? LocalPart { get; }
    public string? Domain { get; }
    public bool IsConfigured => LocalPart is not null;
    public string? Address => IsConfigured ? $"{LocalPart}@{Domain}" : null;

    public static SupportAddress Unconfigured { get; } = new(null, null);

    public static SupportAddress Parse(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.Contains('+', StringComparison.Ordinal))
        {
            throw new FormatException($"'{address}' is not a plain address like support@example.com");
        }

        return new SupportAddress(address[..at].Trim(), address[(at + 1)..].Trim());
    }

    /// <summary>The ticket UUID in a tagged address, or null when the address carries no tag of ours.</summary>
    public Guid? TagOf(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }

        var match = _tag.Match(address.Trim());
        return match.Success ? Guid.Parse(match.Groups["uuid"].Value) : null;
    }

    /// <summary>True for the support address itself and any +tag form of it: mail from it is a loop.</summary>
    public bool IsOurs(string? address)
    {
        if (!IsConfigured || string.IsNullOrEmpty(address))
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return false;
        }

        var local = address[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            local = local[..plus];
        }

        return string.Equals(local, LocalPart, StringComparison.OrdinalIgnoreCase)
            && string.Equals(address[(at + 1)..], Domain, StringComparison.OrdinalIgnoreCase);
    }

    public string TaggedFor(Guid ticket) => $"{LocalPart ?? "support"}+{ticket:D}@{Domain ?? "localhost"}";
}
