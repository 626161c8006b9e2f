using Microsoft.EntityFrameworkCore;
using TicketMail.Data.Entities;
using TicketMail.Data.Views;

namespace TicketMail.Data.Queries;

/// <summary>
/// Erasure (tickets erase) and retention (tickets purge). One transaction per ticket (and per message sent to
/// another ticket), so an interrupted run leaves no half-deleted ticket. Rows are deleted through key-only
/// stubs: the database's cascades remove messages, raw bytes, attachments, thread keys and outbox rows (and the
/// SQLite search index follows by trigger). Attachment contents are shared by hash, so a blob goes only when
/// no remaining attachment refers to it.
/// </summary>
internal sealed partial class EfTicketStore
{
    public async Task<ErasureReport> EraseRequesterAsync(string address, bool dryRun, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var who = address.Trim().ToLowerInvariant();
        try
        {
            var tickets = await _db.Tickets.Where(t => t.RequesterAddress == who).OrderBy(t => t.Id).Select(t => new { t.Id, t.Uuid }).ToListAsync(ct);
            var ticketIds = tickets.Select(t => t.Id).ToList();
            var elsewhere = await _db.Messages
                .Where(m => m.FromAddress.ToLower() == who && !ticketIds.Contains(m.TicketId))
                .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
            var report = await EraseAsync(tickets.Select(t => (t.Id, t.Uuid)).ToList(), elsewhere, dryRun, ct);

            // What is left of the address outside its tickets: mail we queued to it, and its flags (bounced).
            // (On a dry run the rows of its tickets are still there, and were counted with them.)
            var queued = await _db.Outbox.Where(o => o.ToAddress == who).Select(o => new { o.Id, o.TicketId }).ToListAsync(ct);
            var outbox = queued.Where(o => o.TicketId is not { } t || !ticketIds.Contains(t)).Select(o => o.Id).ToList();
            var flags = await _db.AddressFlags.CountAsync(f => f.Address == who, ct);
            report.OutboxRows += outbox.Count;
            report.AddressFlags += flags;
            if (!dryRun && (outbox.Count > 0 || flags > 0))
            {
                foreach (var id in outbox)
                {
                    _db.Outbox.Remove(new OutboxMail { Id = id, ToAddress = "", MessageId = "", Kind = "", Mime = [], Status = "" });
                }

                if (flags > 0)
                {
                    _db.AddressFlags.Remove(new AddressFlag { Address = who, Flag = "" });
                }

                await _db.SaveChangesAsync(ct);
            }

            return report;
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

    public async Task<ErasureReport> PurgeClosedAsync(DateTime beforeUtc, bool dryRun, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var before = beforeUtc;
        var closed = "closed";
        try
        {
            var tickets = await _db.Tickets.Where(t => t.Status == closed && t.UpdatedAt < before).OrderBy(t => t.Id).Select(t => new { t.Id, t.Uuid }).ToListAsync(ct);
            return await EraseAsync(tickets.Select(t => (t.Id, t.Uuid)).ToList(), [], dryRun, ct);
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

    private async Task<ErasureReport> EraseAsync(List<(long Id, Guid Uuid)> tickets, List<long> messages, bool dryRun, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var report = new ErasureReport();
        var ticketIds = tickets.Select(t => t.Id).ToList();
        var doomed = await _db.Messages.Where(m => ticketIds.Contains(m.TicketId)).Select(m => m.Id).ToListAsync(ct);
        doomed.AddRange(messages);
        if (dryRun)
        {
            // Blobs that nothing outside the erased messages refers to: what the real run will remove, unit by unit.
            var shas = await _db.Attachments.Where(a => doomed.Contains(a.StoredMessageId)).Select(a => a.Sha256).Distinct().ToListAsync(ct);
            foreach (var sha in shas)
            {
                var hash = sha;
                if (!await _db.Attachments.AnyAsync(a => a.Sha256 == hash && !doomed.Contains(a.StoredMessageId), ct)
                && await _db.AttachmentBlobs.AnyAsync(b => b.Sha256 == hash, ct))
                {
                    report.Blobs++;
                }
            }
        }

        foreach (var (id, uuid) in tickets)
        {
            await EraseUnitAsync(id, null, dryRun, report, ct);
            report.Tickets.Add(uuid);
        }

        foreach (var id in messages)
        {
            await EraseUnitAsync(null, id, dryRun, report, ct);
        }

        return report;
    }

    /// <summary>One ticket with everything on it, or one message on another ticket; counted, and removed in one transaction unless dryRun.</summary>
    private async Task EraseUnitAsync(long? ticketId, long? messageId, bool dryRun, ErasureReport report, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var tid = ticketId ?? 0;
        var mid = messageId ?? 0;
        List<long> messageIds = ticketId is null ? [mid] : await _db.Messages.Where(m => m.TicketId == tid).Select(m => m.Id).ToListAsync(ct);
        var shas = await _db.Attachments.Where(a => messageIds.Contains(a.StoredMessageId)).Select(a => a.Sha256).ToListAsync(ct);
        List<string> keys;
        var outbox = 0;
        if (ticketId is null)
        {
            // A message on someone else's ticket: its own Message-ID's thread key goes with it.
            var own = await _db.Messages.Where(m => m.Id == mid).Select(m => new { m.MessageId, m.TicketId }).FirstAsync(ct);
            var ownId = own.MessageId ?? "";
            var ownTicket = own.TicketId;
            keys = await _db.ThreadKeys.Where(k => k.MessageId == ownId && k.TicketId == ownTicket).Select(k => k.MessageId).ToListAsync(ct);
        }
        else
        {
            keys = await _db.ThreadKeys.Where(k => k.TicketId == tid).Select(k => k.MessageId).ToListAsync(ct);
            outbox = await _db.Outbox.CountAsync(o => o.TicketId == tid, ct);
        }

        report.Messages += messageIds.Count;
        report.Attachments += shas.Count;
        report.ThreadKeys += keys.Count;
        report.OutboxRows += outbox;
        if (dryRun)
        {
            return;
        }

        await using var transaction = _db.Database.CurrentTransaction is null ? await _db.Database.BeginTransactionAsync(ct) : null;
        if (ticketId is null)
        {
            foreach (var key in keys)
            {
                _db.ThreadKeys.Remove(new ThreadKey { MessageId = key });
            }

            _db.Messages.Remove(new StoredMessage { Id = mid, DedupeKey = "", FromAddress = "", Subject = "", Rule = "" });
        }
        else
        {
            _db.Tickets.Remove(new Ticket { Id = tid, Subject = "", Status = "", RequesterAddress = "", Queue = "" });
        }

        await _db.SaveChangesAsync(ct);
        foreach (var sha in shas.Distinct(StringComparer.Ordinal))
        {
            var hash = sha;
            // A left-out attachment has no blob row: check, or the stub's DELETE would find nothing and fail.
            if (!await _db.Attachments.AnyAsync(a => a.Sha256 == hash, ct) && await _db.AttachmentBlobs.AnyAsync(b => b.Sha256 == hash, ct))
            {
                _db.AttachmentBlobs.Remove(new AttachmentBlob { Sha256 = hash, Content = [] });
                report.Blobs++;
            }
        }

        await _db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        _db.ChangeTracker.Clear();
    }
}
