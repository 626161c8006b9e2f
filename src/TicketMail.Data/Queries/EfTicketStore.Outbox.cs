using Microsoft.EntityFrameworkCore;
using TicketMail.Data.Entities;
using TicketMail.Data.Outgoing;
using TicketMail.Data.Views;

namespace TicketMail.Data.Queries;

/// <summary>The outbox: mail written with its ticket in one transaction, sent after commit, retried by 'outbox flush'.</summary>
internal sealed partial class EfTicketStore
{
    /// <summary>
    /// Saves the tracked changes and, when there is an outgoing mail, its outbox row and thread key. The row
    /// needs the new ticket's id, which only the first SaveChanges assigns (the outbox has no navigation to
    /// its ticket): the caller holds a transaction around both saves (SaveCoreAsync, or a batch's group).
    /// </summary>
    private async Task<OutboxMail?> SaveWithOutgoingAsync(Ticket ticket, OutgoingMail? mail, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        if (mail is not null && mail.DailyLimit is { } limit
            && !await TryCountAsync(mail.ToAddress.ToLowerInvariant(), SenderCounts.Acks, SenderCounts.DayOf(nowUtc), limit, ct))
        {
            // Concurrent deliveries used up the day's acknowledgements since the caller counted: the ticket is
            // stored, without one.
            mail = null;
        }

        if (mail is null)
        {
            await _db.SaveChangesAsync(ct);
            return null;
        }

        _db.ThreadKeys.Add(new ThreadKey { MessageId = mail.MessageId, Ticket = ticket });
        await _db.SaveChangesAsync(ct);
        var row = new OutboxMail
        {
            TicketId = ticket.Id,
            ToAddress = mail.ToAddress.ToLowerInvariant(),
            MessageId = mail.MessageId,
            Kind = mail.Kind,
            Mime = mail.Mime,
            Status = OutboxStatus.Pending,
            CreatedAt = nowUtc,
        };
        _db.Outbox.Add(row);
        await _db.SaveChangesAsync(ct);
        return row;
    }

    public async Task<int> CountOutgoingAsync(string toAddress, string kind, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var address = toAddress.ToLowerInvariant();
        var wantedKind = kind;
        var since = sinceUtc;
        try
        {
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
                .Join(_db.Tickets, o => o.TicketId, t => t.Id, (o, t) => new { o.Id, t.Uuid, o.ToAddress, o.MessageId, o.Kind, o.Status, o.Attempts, o.LastError, o.CreatedAt, o.SentAt })
                .OrderBy(o => o.Id)
                .ToListAsync(ct);
            return rows.Select(r => new OutboxEntry(r.Id, r.Uuid, r.ToAddress, r.MessageId, r.Kind, r.Status, r.Attempts, r.LastError, r.CreatedAt.AsUtc(), r.SentAt?.AsUtc())).ToList();
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>Pending mail with its MIME bytes, oldest first; one row when id is given.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> PendingOutboxAsync(long? id, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var only = id ?? 0;
        var pending = OutboxStatus.Pending;
        try
        {
            // Two fixed chains: the precompiler mishandles "(id == null || ...)" (see ListTicketsAsync).
            var rows = id is null
                ? await _db.Outbox
                    .Where(o => o.Status == pending)
                    .Join(_db.Tickets, o => o.TicketId, t => t.Id, (o, t) => new { o.Id, t.Uuid, o.ToAddress, o.MessageId, o.Kind, o.Status, o.Attempts, o.LastError, o.CreatedAt, o.SentAt, o.Mime })
                    .OrderBy(o => o.Id)
                    .ToListAsync(ct)
                : await _db.Outbox
                    .Where(o => o.Status == pending && o.Id == only)
                    .Join(_db.Tickets, o => o.TicketId, t => t.Id, (o, t) => new { o.Id, t.Uuid, o.ToAddress, o.MessageId, o.Kind, o.Status, o.Attempts, o.LastError, o.CreatedAt, o.SentAt, o.Mime })
                    .OrderBy(o => o.Id)
                    .ToListAsync(ct);
            return rows.Select(r => new OutboxEntry(r.Id, r.Uuid, r.ToAddress, r.MessageId, r.Kind, r.Status, r.Attempts, r.LastError, r.CreatedAt.AsUtc(), r.SentAt?.AsUtc()) { Mime = r.Mime }).ToList();
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>Records one send attempt: sent, still pending with the error, or failed for good.</summary>
    public async Task MarkOutboxAsync(long id, string status, string? error, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var wanted = id;
        try
        {
            var row = await _db.Outbox.FirstAsync(o => o.Id == wanted, ct);
            row.Status = status;
            row.Attempts++;
            row.LastError = error;
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
