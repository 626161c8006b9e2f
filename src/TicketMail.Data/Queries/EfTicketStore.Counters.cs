using Microsoft.EntityFrameworkCore;
using TicketMail.Data.Entities;

namespace TicketMail.Data.Queries;

/// <summary>
/// The per-sender counters (sender_counters) behind the two limits: read for the router's facts, and incremented
/// in the transaction that stores the ticket or the acknowledgement. The count is a concurrency token, so of two
/// deliveries that read the same count only one update succeeds; the other fails as a conflict and routes again.
/// </summary>
internal sealed partial class EfTicketStore
{
    private async Task<int> CounterAsync(string address, string kind, DateTime window, CancellationToken cancellationToken)
    {
        var (a, k, w, ct) = (address, kind, window, cancellationToken);
        return await _db.SenderCounters
            .Where(c => c.Address == a && c.Kind == k && c.WindowStart == w)
            .Select(c => c.Count)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Counts one more for the address, unless that would pass <paramref name="limit"/>: then false, nothing counted.</summary>
    private async Task<bool> TryCountAsync(string address, string kind, DateTime window, int limit, CancellationToken cancellationToken)
    {
        var (a, k, w, ct) = (address, kind, window, cancellationToken);
        // A batch group's earlier message may hold the row already, not yet written (PendingRows).
        var counter = _pending.Counters.GetValueOrDefault((a, k, w));
        if (counter is null && _group is not null && _lookups.TryTakeCounter(a, k, w, out var known))
        {
            // The row as the group's facts look-up read it (GroupLookups), tracked as if loaded: the update checks its count as before.
            if (known is { } count)
            {
                counter = new SenderCounter { Address = a, Kind = k, WindowStart = w, Count = count };
                _db.SenderCounters.Attach(counter);
            }
        }
        else
        {
            counter ??= await _db.SenderCounters
                .Where(c => c.Address == a && c.Kind == k && c.WindowStart == w)
                .FirstOrDefaultAsync(ct);
        }

        if (counter is null)
        {
            // A second process adding the same row first makes this insert fail on the key: a conflict, routed again.
            counter = new SenderCounter { Address = address, Kind = kind, WindowStart = window };
            _db.SenderCounters.Add(counter);
        }

        _pending.Counters[(a, k, w)] = counter;

        if (counter.Count >= limit)
        {
            return false;
        }

        counter.Count++;
        return true;
    }
}
