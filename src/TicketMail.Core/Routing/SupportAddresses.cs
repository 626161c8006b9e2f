using System.Text.RegularExpressions;

namespace TicketMail.Core.Routing;

/// <summary>One configured support address and the queue its new tickets go to.</summary>
public sealed record SupportEntry(SupportAddress Address, string Queue);

/// <summary>
/// The help desk's addresses, in configured order: "support@example.com, billing@example.com=billing". The first
/// is the default (acknowledgements for mail that named none come from it); a bare address's queue is its local part.
/// Tags work on every address, and mail from any of them is ours.
/// </summary>
public sealed partial class SupportAddresses
{
    /// <summary>The queue when no address is configured.</summary>
    public const string FallbackQueue = "support";

    private SupportAddresses(IReadOnlyList<SupportEntry> entries) => Entries = entries;

    public IReadOnlyList<SupportEntry> Entries { get; }

    public static SupportAddresses Unconfigured { get; } = new([]);

    public SupportAddress Default => Entries.Count > 0 ? Entries[0].Address : SupportAddress.Unconfigured;

    public string DefaultQueue => Entries.Count > 0 ? Entries[0].Queue : FallbackQueue;

    public bool IsConfigured => Entries.Count > 0;

    /// <summary>"support@example.com (support), billing@example.com (billing)", for doctor and logs.</summary>
    public string Display => string.Join(", ", Entries.Select(e => $"{e.Address.Address} ({e.Queue})"));

    public static SupportAddresses Of(SupportAddress single) =>
        single.IsConfigured ? new([new SupportEntry(single, single.LocalPart!.ToLowerInvariant())]) : Unconfigured;

    /// <summary>Parses a comma-separated list; each entry is an address, optionally "=queue". Throws FormatException.</summary>
    public static SupportAddresses Parse(string list)
    {
        var entries = new List<SupportEntry>();
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var address = SupportAddress.Parse(eq < 0 ? item : item[..eq].Trim());
            var queue = (eq < 0 ? address.LocalPart! : item[(eq + 1)..].Trim()).ToLowerInvariant();
            if (!QueuePattern().IsMatch(queue))
            {
                throw new FormatException($"'{queue}' is not a queue name (letters, digits, '.', '_' and '-', up to 64)");
            }

            if (entries.Any(e => string.Equals(e.Address.Address, address.Address, StringComparison.OrdinalIgnoreCase)))
            {
                throw new FormatException($"{address.Address} is listed twice");
            }

            entries.Add(new SupportEntry(address, queue));
        }

        return new SupportAddresses(entries);
    }

    /// <summary>The ticket UUID of a tag on any of our addresses (any address at all when none is configured).</summary>
    public Guid? TagOf(string? address)
    {
        if (!IsConfigured)
        {
            return SupportAddress.Unconfigured.TagOf(address);
        }

        foreach (var entry in Entries)
        {
            if (entry.Address.TagOf(address) is { } uuid)
            {
                return uuid;
            }
        }

        return null;
    }

    /// <summary>True for any of our addresses and their +tag forms.</summary>
    public bool IsOurs(string? address) => Entries.Any(e => e.Address.IsOurs(address));

    /// <summary>The entry an address (bare or tagged) belongs to, or null.</summary>
    public SupportEntry? Find(string? address) => Entries.FirstOrDefault(e => e.Address.IsOurs(address));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex QueuePattern();
}
