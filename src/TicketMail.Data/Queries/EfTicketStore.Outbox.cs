using Microsoft.EntityFrameworkCore;
using TicketMail.Data.Entities;
using TicketMail.Data.Outgoing;
using TicketMail.Data.Views;

namespace TicketMail.Data.Queries;

/// <summary>The outbox: mail and webhook events written with their message in one transaction, sent after commit, retried by 'outbox flush'.</summary>
internal sealed partial class EfTicketStore
{
    /// <summary>
    /// Saves the tracked changes and, when there is an acknowledgement or events, their outbox rows (and the
    /// acknowledgement's thread key). The rows need the new ticket's id, which only the first SaveChanges assigns
    /// (the outbox has no navigation to its ticket): the caller holds a transaction around both saves
    /// (SaveCoreAsync, or a batch's group). Returns the acknowledgement's row and the events' rows.
    /// </summary>
    private async Task<(OutboxMail? Ack, List<OutboxMail> Events)> SaveWithOutgoingAsync(
        Ticket ticket, OutgoingMail? mail, IReadOnlyList<OutgoingMail> events, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        if (mail is not null && mail.DailyLimit is { } limit
            && !await TryCountAsync(mail.ToAddress.ToLowerInvariant(), SenderCounts.Acks, SenderCounts.DayOf(nowUtc), limit, ct))
        {
            // Concurrent deliveries used up the day's acknowledgements since the caller counted: the ticket is
            // stored, without one.
            mail = null;
        }

        if (mail is null && events.Count == 0)
        {
            await _db.SaveChangesAsync(ct);
            return (null, []);
        }

        if (mail is not null)
        {
            _db.ThreadKeys.Add(new ThreadKey { MessageId = mail.MessageId, Ticket = ticket });
        }

        await _db.SaveChangesAsync(ct);
        var ack = mail is null ? null : OutboxRow(ticket.Id, mail, nowUtc);
        var rows = events.Select(e => OutboxRow(ticket.Id, e, nowUtc)).ToList();
        if (ack is not null)
        {
            _db.Outbox.Add(ack);
        }

        _db.Outbox.AddRange(rows);
        await _db.SaveChangesAsync(ct);
        return (ack, rows);
    }

    private static OutboxMail OutboxRow(long? ticketId, OutgoingMail mail, DateTime nowUtc) => new()
    {
        TicketId = ticketId,
        // A URL keeps its case; an address is compared lower-cased (the daily acknowledgement limit).
        ToAddress = mail.Kind == OutboxKinds.Webhook ? mail.ToAddress : mail.ToAddress.ToLowerInvariant(),
        MessageId = mail.MessageId,
        Kind = mail.Kind,
        Mime = mail.Mime,
        Status = OutboxStatus.Pending,
        CreatedAt = nowUtc,
        NextAttemptAt = nowUtc,
    };

    public async Task<IReadOnlyList<long>> AddOutgoingAsync(Guid? ticket, IReadOnlyList<OutgoingMail> mails, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var uuid = ticket ?? Guid.Empty;
        try
        {
            await FlushPendingAsync(ct);
            long? ticketId = ticket is null ? null : await _db.Tickets.Where(t => t.Uuid == uuid).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
            var rows = mails.Select(m => OutboxRow(ticketId, m, nowUtc)).ToList();
            _db.Outbox.AddRange(rows);
            await _db.SaveChangesAsync(ct);
            return rows.Select(r => r.Id).ToList();
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
        finally
        {
            _db.ChangeTracker.Clear();
        }
    }

    public async Task<int> CountOutgoingAsync(string toAddress, string kind, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var address = toAddress.ToLowerInvariant();
        var wantedKind = kind;
        var since = sinceUtc;
        try
        {
            await FlushPendingAsync(ct);
            return await _db.Outbox.CountAsync(o => o.ToAddress == address && o.Kind == wantedKind && o.CreatedAt >= since, ct);
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListOutboxAsync(CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        try
        {
            var rows = await _db.Outbox
                .OrderBy(o => o.Id)
                .Select(o => new { o.Id, o.TicketId, o.ToAddress, o.MessageId, o.Kind, o.Status, o.Attempts, o.LastError, o.CreatedAt, o.SentAt, o.NextAttemptAt })
                .ToListAsync(ct);
            var uuids = await TicketUuidsAsync(rows.Select(r => r.TicketId), ct);
            return rows.Select(r => new OutboxEntry(r.Id, Uuid(uuids, r.TicketId), r.ToAddress, r.MessageId, r.Kind, r.Status, r.Attempts, r.LastError, r.CreatedAt.AsUtc(), r.SentAt?.AsUtc())
            {
                NextAttemptAt = r.NextAttemptAt.AsUtc(),
            }).ToList();
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>
    /// Pending rows with their bytes, oldest first: those due by <paramref name="dueUtc"/> (outbox flush), or the
    /// one row <paramref name="id"/> whatever its time (sent right after its commit).
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> PendingOutboxAsync(long? id, DateTime dueUtc, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var only = id ?? 0;
        var due = dueUtc;
        var pending = OutboxStatus.Pending;
        try
        {
            // Two fixed chains: the precompiler mishandles "(id == null || ...)" (see ListTicketsAsync).
            var rows = id is null
                ? await _db.Outbox
                    .Where(o => o.Status == pending && o.NextAttemptAt <= due)
                    .OrderBy(o => o.Id)
                    .Select(o => new { o.Id, o.TicketId, o.ToAddress, o.MessageId, o.Kind, o.Status, o.Attempts, o.LastError, o.CreatedAt, o.SentAt, o.Mime })
                    .ToListAsync(ct)
                : await _db.Outbox
                    .Where(o => o.Status == pending && o.Id == only)
                    .OrderBy(o => o.Id)
                    .Select(o => new { o.Id, o.TicketId, o.ToAddress, o.MessageId, o.Kind, o.Status, o.Attempts, o.LastError, o.CreatedAt, o.SentAt, o.Mime })
                    .ToListAsync(ct);
            var uuids = await TicketUuidsAsync(rows.Select(r => r.TicketId), ct);
            return rows.Select(r => new OutboxEntry(r.Id, Uuid(uuids, r.TicketId), r.ToAddress, r.MessageId, r.Kind, r.Status, r.Attempts, r.LastError, r.CreatedAt.AsUtc(), r.SentAt?.AsUtc()) { Mime = r.Mime }).ToList();
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> PendingOutboxAsync(long? id, CancellationToken cancellationToken) =>
        PendingOutboxAsync(id, DateTime.UtcNow, cancellationToken);

    /// <summary>Ticket UUIDs by row id, in a second query: an outbox row may have no ticket, and the flat projection suits the precompiler.</summary>
    private async Task<Dictionary<long, Guid>> TicketUuidsAsync(IEnumerable<long?> ticketIds, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var ids = ticketIds.OfType<long>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await _db.Tickets.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Uuid }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.Uuid);
    }

    private static Guid? Uuid(Dictionary<long, Guid> uuids, long? ticketId) =>
        ticketId is { } id && uuids.TryGetValue(id, out var uuid) ? uuid : null;

    /// <summary>Records one send attempt: sent, still pending with the error (not retried before <paramref name="retryAtUtc"/>), or failed for good.</summary>
    public async Task MarkOutboxAsync(long id, string status, string? error, DateTime nowUtc, CancellationToken cancellationToken) =>
        await MarkOutboxAsync(id, status, error, nowUtc, nowUtc, cancellationToken);

    public async Task MarkOutboxAsync(long id, string status, string? error, DateTime nowUtc, DateTime retryAtUtc, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var wanted = id;
        try
        {
            var row = await _db.Outbox.FirstAsync(o => o.Id == wanted, ct);
            row.Status = status;
            row.Attempts++;
            row.LastError = error;
            row.NextAttemptAt = retryAtUtc;
            if (status == OutboxStatus.Sent)
            {
                row.SentAt = nowUtc;
            }

            await _db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
        finally
        {
            _db.ChangeTracker.Clear();
        }
    }
}
