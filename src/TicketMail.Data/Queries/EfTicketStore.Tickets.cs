using Microsoft.EntityFrameworkCore;
using TicketMail.Data.Entities;
using TicketMail.Data.Views;

namespace TicketMail.Data.Queries;

internal sealed partial class EfTicketStore
{
    public async Task<TicketDetails?> GetTicketAsync(Guid uuid, CancellationToken cancellationToken)
    {
        try
        {
            return await GetTicketCoreAsync(uuid, cancellationToken);
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    private async Task<TicketDetails?> GetTicketCoreAsync(Guid uuid, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var wanted = uuid;
        // Projected rather than materialized: EF 10's precompiler emits invalid code for a no-tracking entity here.
        var ticket = await _db.Tickets
            .Where(t => t.Uuid == wanted)
            .Select(t => new { t.Id, t.Uuid, t.Subject, t.Status, t.Queue, t.RequesterAddress, t.RequesterName, t.CreatedAt, t.UpdatedAt, t.LastMessageAt })
            .FirstOrDefaultAsync(ct);
        if (ticket is null)
        {
            return null;
        }

        var ticketId = ticket.Id;
        var messages = await _db.Messages.AsNoTracking()
            .Where(m => m.TicketId == ticketId)
            .OrderBy(m => m.Date).ThenBy(m => m.Id)
            .Select(m => new MessageDetails(
                m.Id, m.MessageId, m.InReplyTo, m.FromAddress, m.FromName, m.ToList, m.CcList, m.Subject,
                m.Date, m.ReceivedAt, m.TextBody, m.ReplyText, m.HtmlBody, m.ReplyHtml, m.OpenedTicket, m.Rule, m.Automatic,
                m.UnknownTag, m.AttachmentCount, m.Notes))
            .ToListAsync(ct);

        var attachments = await _db.Attachments.AsNoTracking()
            .Where(a => a.Message!.TicketId == ticketId)
            .OrderBy(a => a.Id)
            .Select(a => new AttachmentDetails(a.Id, a.StoredMessageId, a.FileName, a.ContentType, a.Size, a.Sha256, a.Inline, a.ContentId, a.Omitted))
            .ToListAsync(ct);

        var byMessage = attachments.ToLookup(a => a.MessageId);
        return new TicketDetails(
            ticket.Uuid, ticket.Subject, ticket.Status, ticket.Queue, ticket.RequesterAddress, ticket.RequesterName,
            ticket.CreatedAt.AsUtc(), ticket.UpdatedAt.AsUtc(), ticket.LastMessageAt.AsUtc(),
            messages.Select(m => m with
            {
                Date = m.Date.AsUtc(),
                ReceivedAt = m.ReceivedAt.AsUtc(),
                Attachments = byMessage[m.Id].ToList(),
            }).ToList());
    }
}
