namespace TicketMail.Data.Queries;

/// <summary>
/// What a batch group's facts look-up already read of the rows each save checks again: the thread keys among the
/// group's thread ids, and the sender counters of its requesters for the hour. A save inside the group answers
/// from here instead of one query each (on PostgreSQL those two round trips per message were a third of a batch's
/// CPU). Together with the keys the group claimed itself (kept across its flushes) this is what the queries would
/// find: SQLite's group transaction holds the write lock, and on PostgreSQL a key or count another process commits
/// meanwhile still fails the insert or the count's concurrency token, and the group is replayed as before.
/// </summary>
internal sealed class GroupLookups
{
    private readonly HashSet<string> _lookedUp = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int?> _counters = new(StringComparer.Ordinal);
    private string? _counterKind;
    private DateTime _counterWindow;

    /// <summary>The thread keys of the facts look-up: those asked for, and those that exist.</summary>
    public void ThreadKeys(IEnumerable<string> lookedUp, IEnumerable<string> existing)
    {
        _lookedUp.UnionWith(lookedUp);
        _taken.UnionWith(existing);
    }

    /// <summary>The counters of the facts look-up: every address asked for, with its count, or null when it has no row.</summary>
    public void Counters(string kind, DateTime window, IEnumerable<string> addresses, IReadOnlyDictionary<string, int> counts)
    {
        (_counterKind, _counterWindow) = (kind, window);
        _counters.Clear();
        foreach (var address in addresses)
        {
            _counters[address] = counts.TryGetValue(address, out var count) ? count : null;
        }
    }

    /// <summary>A key the group writes: claimed from now on, whether its row is pending or already flushed.</summary>
    public void Claim(string key) => _taken.Add(key);

    /// <summary>The wanted keys that are taken, or null when the look-up did not cover all of them (then ask the database).</summary>
    public List<string>? Taken(IReadOnlyList<string> wanted) =>
        wanted.All(_lookedUp.Contains) ? wanted.Where(_taken.Contains).ToList() : null;

    /// <summary>
    /// The counter's row as the look-up found it (found: false when it was not looked up). Taken once: the save
    /// changes it, and afterwards the pending row or, after a flush, the database holds the truth.
    /// </summary>
    public bool TryTakeCounter(string address, string kind, DateTime window, out int? count)
    {
        count = null;
        return kind == _counterKind && window == _counterWindow && _counters.Remove(address, out count);
    }

    public void Clear()
    {
        _lookedUp.Clear();
        _taken.Clear();
        _counters.Clear();
        _counterKind = null;
    }
}
