using Microsoft.EntityFrameworkCore;
using TicketMail.Core.Routing;

namespace TicketMail.Data.Queries;

internal sealed partial class EfTicketStore
{
    public async Task<StoreFacts> LoadFactsAsync(RoutingQuery query, DateTime nowUtc, CancellationToken cancellationToken) =>
        (await LoadGroupFactsAsync([query], nowUtc, cancellationToken))[0];

    public async Task<IReadOnlyList<StoreFacts>> LoadGroupFactsAsync(IReadOnlyList<RoutingQuery> queries, DateTime nowUtc, CancellationToken cancellationToken)
    {
        try
        {
            return await LoadFactsCoreAsync(queries, nowUtc, cancellationToken);
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>
    /// One query set for all the messages: each look-up takes every message's keys at once, so a group of a
    /// hundred costs the same five statements as one message, and the answers are split per message here.
    /// </summary>
    private async Task<IReadOnlyList<StoreFacts>> LoadFactsCoreAsync(IReadOnlyList<RoutingQuery> queries, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var dedupeKeys = queries.Select(q => q.DedupeKey).Distinct(StringComparer.Ordinal).ToList();
        var duplicates = await _db.Messages
            .Where(m => dedupeKeys.Contains(m.DedupeKey))
            .Select(m => new { m.DedupeKey, m.TicketId })
            .ToListAsync(ct);

        var threadIds = queries.SelectMany(q => q.ThreadIds).Distinct(StringComparer.Ordinal).ToList();
        var keys = threadIds.Count == 0
            ? []
            : await _db.ThreadKeys
                .Where(k => threadIds.Contains(k.MessageId))
                .Select(k => new { k.MessageId, k.TicketId })
                .ToListAsync(ct);

        var uuids = queries.SelectMany(q => q.TicketUuids).Distinct().ToList();
        var ticketIds = keys.Select(k => k.TicketId).Concat(duplicates.Select(d => d.TicketId)).Distinct().ToList();
        var tickets = uuids.Count == 0 && ticketIds.Count == 0
            ? []
            : await _db.Tickets
                .Where(t => uuids.Contains(t.Uuid) || ticketIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Uuid, t.Status, t.RequesterAddress })
                .ToListAsync(ct);

        var foundIds = tickets.Select(t => t.Id).ToList();
        var people = foundIds.Count == 0
            ? []
            : await _db.Messages
                .Where(m => foundIds.Contains(m.TicketId))
                .Select(m => new { m.TicketId, m.FromAddress, m.ToList, m.CcList })
                .ToListAsync(ct);

        var requesters = queries.Select(q => q.RequesterAddress?.ToLowerInvariant()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var since = nowUtc.AddHours(-1);
        var recent = requesters.Count == 0
            ? []
            : await _db.Tickets
                .Where(t => requesters.Contains(t.RequesterAddress) && t.CreatedAt >= since)
                .GroupBy(t => t.RequesterAddress)
                .Select(g => new { Requester = g.Key, Count = g.Count() })
                .ToListAsync(ct);

        var peopleByTicket = people.ToLookup(p => p.TicketId);
        var facts = tickets.ToDictionary(
            t => t.Uuid,
            t => new TicketFacts(
                t.Uuid,
                t.Status == "closed" ? TicketStatus.Closed : TicketStatus.Open,
                t.RequesterAddress,
                peopleByTicket[t.Id]
                    .SelectMany(p => AddressLines.Parse(p.ToList).Concat(AddressLines.Parse(p.CcList)).Select(a => a.Address).Append(p.FromAddress))
                    .ToHashSet(StringComparer.OrdinalIgnoreCase)));
        var uuidById = tickets.ToDictionary(t => t.Id, t => t.Uuid);
        var duplicateOf = duplicates.Where(d => uuidById.ContainsKey(d.TicketId))
            .ToDictionary(d => d.DedupeKey, d => uuidById[d.TicketId], StringComparer.Ordinal);
        var threadKeys = keys.Where(k => uuidById.ContainsKey(k.TicketId))
            .ToDictionary(k => k.MessageId, k => uuidById[k.TicketId], StringComparer.Ordinal);
        var recentBy = recent.ToDictionary(r => r.Requester, r => r.Count, StringComparer.Ordinal);

        return queries.Select(query =>
        {
            var ids = query.ThreadIds.Where(threadKeys.ContainsKey).ToDictionary(id => id, id => threadKeys[id], StringComparer.Ordinal);
            var dup = duplicateOf.TryGetValue(query.DedupeKey, out var d) ? d : (Guid?)null;
            var wanted = query.TicketUuids.Concat(ids.Values).Concat(dup is { } x ? [x] : []).ToHashSet();
            return new StoreFacts
            {
                DuplicateOf = dup,
                Tickets = facts.Where(f => wanted.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value),
                ThreadKeys = ids,
                RecentTicketsFromRequester = query.RequesterAddress is { } r ? recentBy.GetValueOrDefault(r.ToLowerInvariant()) : 0,
            };
        }).ToList();
    }
}
