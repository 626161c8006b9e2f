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
            await FlushPendingAsync(cancellationToken);
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
        var sameKeys = await _db.Messages
            .Where(m => dedupeKeys.Contains(m.DedupeKey))
            .Select(m => new { m.DedupeKey, m.TicketId, m.BodySha256 })
            .ToListAsync(ct);
        var sameKeyBy = sameKeys.ToLookup(m => m.DedupeKey, StringComparer.Ordinal);

        var threadIds = queries.SelectMany(q => q.ThreadIds).Select(StoredText.Of).Distinct(StringComparer.Ordinal).ToList(); // ids as stored (no NUL)
        var keys = threadIds.Count == 0
            ? []
            : await _db.ThreadKeys
                .Where(k => threadIds.Contains(k.MessageId))
                .Select(k => new { k.MessageId, k.TicketId })
                .ToListAsync(ct);

        var uuids = queries.SelectMany(q => q.TicketUuids).Distinct().ToList();
        var ticketIds = keys.Select(k => k.TicketId).Concat(sameKeys.Select(d => d.TicketId)).Distinct().ToList();
        var tickets = uuids.Count == 0 && ticketIds.Count == 0
            ? []
            : await _db.Tickets
                .Where(t => uuids.Contains(t.Uuid) || ticketIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Uuid, t.Status, t.RequesterAddress })
                .ToListAsync(ct);

        // Participants are the people on human messages only: a robot's message (or a forged report) never
        // makes its sender, or the addresses it names, known on the ticket. Our acknowledgements go to the requester.
        var foundIds = tickets.Select(t => t.Id).ToList();
        var people = foundIds.Count == 0
            ? []
            : await _db.Messages
                .Where(m => foundIds.Contains(m.TicketId) && m.Automatic == null)
                .Select(m => new { m.TicketId, m.FromAddress, m.ToList, m.CcList })
                .ToListAsync(ct);

        // Which of the thread ids are mail we sent, and to whom: only those prove a report is about our mail
        // (asked only for automatic mail and VERP recipients: one round trip less for a person's mail).
        var sentIds = queries.SelectMany(q => q.SentIds).Select(StoredText.Of).Distinct(StringComparer.Ordinal).ToList();
        var sent = sentIds.Count == 0
            ? []
            : await _db.Outbox
                .Where(o => sentIds.Contains(o.MessageId))
                .Select(o => new { o.MessageId, o.ToAddress })
                .ToListAsync(ct);

        var requesters = queries.Select(q => q.RequesterAddress?.ToLowerInvariant()).OfType<string>().Select(StoredText.Of).Distinct(StringComparer.Ordinal).ToList();
        var since = nowUtc.AddHours(-1);
        var recent = requesters.Count == 0
            ? []
            : await _db.Tickets
                .Where(t => requesters.Contains(t.RequesterAddress) && t.CreatedAt >= since)
                .GroupBy(t => t.RequesterAddress)
                .Select(g => new { Requester = g.Key, Count = g.Count() })
                .ToListAsync(ct);

        // The counter rows the save updates: what concurrent deliveries have committed in this hour.
        var (kind, hour) = (SenderCounts.Tickets, SenderCounts.HourOf(nowUtc));
        var counters = requesters.Count == 0
            ? []
            : await _db.SenderCounters
                .Where(c => requesters.Contains(c.Address) && c.Kind == kind && c.WindowStart == hour)
                .Select(c => new { c.Address, c.Count })
                .ToListAsync(ct);

        var counterBy = counters.GroupBy(c => c.Address, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(c => c.Count), StringComparer.Ordinal);
        if (_group is not null)
        {
            // Inside a group the saves take these rows from here instead of asking again (GroupLookups).
            _lookups.ThreadKeys(threadIds, keys.Select(k => k.MessageId));
            _lookups.Counters(kind, hour, requesters, counterBy);
        }

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
        var threadKeys = keys.Where(k => uuidById.ContainsKey(k.TicketId))
            .ToDictionary(k => k.MessageId, k => uuidById[k.TicketId], StringComparer.Ordinal);
        var recentBy = recent.ToDictionary(r => r.Requester, r => r.Count, StringComparer.Ordinal);
        var sentBy = sent.GroupBy(o => o.MessageId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ToAddress, StringComparer.Ordinal);

        return queries.Select(query =>
        {
            var same = sameKeyBy[query.DedupeKey].ToList();
            // A true duplicate has the same body too; rows stored before body hashes existed (empty) match any body.
            var body = query.BodySha256;
            var duplicate = same.FirstOrDefault(m => m.BodySha256.Length == 0 || body.Length == 0 || m.BodySha256 == body);
            var reused = same.Count > 0 && duplicate is null;
            var ids = query.ThreadIds.Where(id => threadKeys.ContainsKey(StoredText.Of(id))).Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => threadKeys[StoredText.Of(id)], StringComparer.Ordinal);
            // (Unless the message also names that id as what it answers: then it is that thread's, like any reply.)
            if (reused && query.OwnMessageId is { } own && !query.InReplyTo.Contains(own) && !query.References.Contains(own))
            {
                // The other message that has this Message-ID claimed it for its ticket: that is no thread of ours.
                ids.Remove(own);
            }

            var dup = duplicate is not null && uuidById.TryGetValue(duplicate.TicketId, out var d) ? d : (Guid?)null;
            var wanted = query.TicketUuids.Concat(ids.Values).Concat(dup is { } x ? [x] : []).ToHashSet();
            var requester = query.RequesterAddress is { } address ? StoredText.Of(address.ToLowerInvariant()) : null;
            return new StoreFacts
            {
                DuplicateOf = dup,
                MessageIdReused = reused,
                Tickets = facts.Where(f => wanted.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value),
                ThreadKeys = ids,
                RecentTicketsFromRequester = requester is null
                    ? 0
                    : Math.Max(recentBy.GetValueOrDefault(requester), counterBy.GetValueOrDefault(requester)),
                SentByUs = query.SentIds.Where(id => sentBy.ContainsKey(StoredText.Of(id))).Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => sentBy[StoredText.Of(id)], StringComparer.Ordinal),
            };
        }).ToList();
    }
}
