using Microsoft.EntityFrameworkCore;
using TicketMail.Core.Routing;
using TicketMail.Data.Entities;

namespace TicketMail.Data.Queries;

internal sealed partial class EfTicketStore
{
    public async Task<StoreFacts> LoadFactsAsync(RoutingQuery query, DateTime nowUtc, CancellationToken cancellationToken)
    {
        try
        {
            return await LoadFactsCoreAsync(query, nowUtc, cancellationToken);
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    private async Task<StoreFacts> LoadFactsCoreAsync(RoutingQuery query, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var dedupeKey = query.DedupeKey;
        var sameKey = await _db.Messages
            .Where(m => m.DedupeKey == dedupeKey)
            .Select(m => new { m.TicketId, m.BodySha256 })
            .ToListAsync(ct);
        // A true duplicate has the same body too; rows stored before body hashes existed (empty) match any body.
        var body = query.BodySha256;
        var duplicate = sameKey.FirstOrDefault(m => m.BodySha256.Length == 0 || body.Length == 0 || m.BodySha256 == body);
        var duplicateTicketId = duplicate?.TicketId;
        var reused = sameKey.Count > 0 && duplicate is null;

        var threadIds = query.ThreadIds.ToList();
        var keys = threadIds.Count == 0
            ? []
            : await _db.ThreadKeys
                .Where(k => threadIds.Contains(k.MessageId))
                .Select(k => new { k.MessageId, k.TicketId })
                .ToListAsync(ct);

        if (reused && query.OwnMessageId is { } own)
        {
            // The other message that has this Message-ID claimed it for its ticket: that is no thread of ours.
            keys.RemoveAll(k => k.MessageId == own);
        }

        var uuids = query.TicketUuids.ToList();
        var ticketIds = keys.Select(k => k.TicketId).ToList();
        if (duplicateTicketId is { } dupId)
        {
            ticketIds.Add(dupId);
        }

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

        // Which of the thread ids are mail we sent, and to whom: only those prove a report is about our mail.
        var sent = threadIds.Count == 0
            ? []
            : await _db.Outbox
                .Where(o => threadIds.Contains(o.MessageId))
                .Select(o => new { o.MessageId, o.ToAddress })
                .ToListAsync(ct);

        var requester = query.RequesterAddress?.ToLowerInvariant();
        var since = nowUtc.AddHours(-1);
        var recent = requester is null
            ? 0
            : await _db.Tickets.CountAsync(t => t.RequesterAddress == requester && t.CreatedAt >= since, ct);
        if (requester is not null)
        {
            // The counter row the save updates: what concurrent deliveries have committed in this hour.
            recent = Math.Max(recent, await CounterAsync(requester, SenderCounts.Tickets, SenderCounts.HourOf(nowUtc), ct));
        }

        var facts = tickets.ToDictionary(
            t => t.Uuid,
            t => new TicketFacts(
                t.Uuid,
                t.Status == "closed" ? TicketStatus.Closed : TicketStatus.Open,
                t.RequesterAddress,
                people.Where(p => p.TicketId == t.Id)
                    .SelectMany(p => AddressLines.Parse(p.ToList).Concat(AddressLines.Parse(p.CcList)).Select(a => a.Address).Append(p.FromAddress))
                    .ToHashSet(StringComparer.OrdinalIgnoreCase)));

        var uuidById = tickets.ToDictionary(t => t.Id, t => t.Uuid);
        return new StoreFacts
        {
            DuplicateOf = duplicateTicketId is { } d && uuidById.TryGetValue(d, out var dupUuid) ? dupUuid : null,
            MessageIdReused = reused,
            Tickets = facts,
            ThreadKeys = keys.Where(k => uuidById.ContainsKey(k.TicketId))
                .ToDictionary(k => k.MessageId, k => uuidById[k.TicketId], StringComparer.Ordinal),
            RecentTicketsFromRequester = recent,
            SentByUs = sent.GroupBy(o => o.MessageId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ToAddress, StringComparer.Ordinal),
        };
    }
}
