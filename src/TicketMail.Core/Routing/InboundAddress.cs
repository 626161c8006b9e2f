namespace TicketMail.Core.Routing;

/// <summary>
/// The support address a message came in on, and where the router saw it: "envelope recipient", "Delivered-To",
/// "To" or "Cc". Null Entry: it named none of them (the default queue applies).
/// </summary>
public sealed record InboundAddress(SupportEntry? Entry, string? Source, string? Address, int Named)
{
    public static InboundAddress None { get; } = new(null, null, null, 0);

    /// <summary>
    /// Looks in the router's order (envelope, Delivered-To, To, Cc). When the message names several of our
    /// addresses, the first in configured order wins, whichever delivery this is: a message to two of them is
    /// delivered once per address, and each copy must pick the same queue (the second is then a duplicate).
    /// </summary>
    public static InboundAddress Of(SupportAddresses support, IEnumerable<(string Source, string Address)> recipients)
    {
        var seen = new List<(SupportEntry Entry, string Source, string Address)>();
        foreach (var (source, address) in recipients)
        {
            if (support.Find(address) is { } entry && seen.All(s => s.Entry != entry))
            {
                seen.Add((entry, source, address));
            }
        }

        if (seen.Count == 0)
        {
            return None;
        }

        var first = seen.MinBy(s => IndexOf(support, s.Entry));
        return new InboundAddress(first.Entry, first.Source, first.Address, seen.Count);
    }

    private static int IndexOf(SupportAddresses support, SupportEntry entry)
    {
        for (var i = 0; i < support.Entries.Count; i++)
        {
            if (support.Entries[i] == entry)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>The explain trace's line, e.g. "queue: billing, from the envelope recipient billing@example.com".</summary>
    public string Trace(string defaultQueue) => Entry is null
        ? $"queue: {defaultQueue}, the default (no recipient is a support address)"
        : $"queue: {Entry.Queue}, from the {Source} {Address}" + (Named > 1 ? $" (first configured of the {Named} support addresses it names)" : "");
}
