using Microsoft.EntityFrameworkCore;
using TicketMail.Data.Views;

namespace TicketMail.Data.Queries;

/// <summary>tickets export: which messages, in the order they were stored (so a re-import routes replies after their originals), and each one's raw bytes.</summary>
internal sealed partial class EfTicketStore
{
    public async Task<IReadOnlyList<ExportItem>> ListExportAsync(IReadOnlyList<Guid>? tickets, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var wanted = tickets?.ToList() ?? [];
        try
        {
            // Two fixed chains, as in ListTicketsAsync: all tickets, or the named ones.
            var owners = tickets is null
                ? await _db.Tickets.Select(t => new { t.Id, t.Uuid }).ToListAsync(ct)
                : await _db.Tickets.Where(t => wanted.Contains(t.Uuid)).Select(t => new { t.Id, t.Uuid }).ToListAsync(ct);
            var ids = owners.Select(o => o.Id).ToList();
            var uuids = owners.ToDictionary(o => o.Id, o => o.Uuid);
            var rows = tickets is null
                ? await _db.Messages.OrderBy(m => m.Id).Select(m => new { m.Id, m.TicketId, m.FromAddress, m.Date, m.RawSize }).ToListAsync(ct)
                : await _db.Messages.Where(m => ids.Contains(m.TicketId)).OrderBy(m => m.Id).Select(m => new { m.Id, m.TicketId, m.FromAddress, m.Date, m.RawSize }).ToListAsync(ct);
            return rows.Select(r => new ExportItem(r.Id, uuids[r.TicketId], r.FromAddress, r.Date.AsUtc(), r.RawSize)).ToList();
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    public async Task<byte[]> ReadRawAsync(long messageId, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var wanted = messageId;
        try
        {
            return await _db.RawMessages.Where(r => r.StoredMessageId == wanted).Select(r => r.Content).FirstAsync(ct);
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }
}
