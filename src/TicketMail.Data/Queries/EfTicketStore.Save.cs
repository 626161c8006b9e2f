using Microsoft.EntityFrameworkCore;
using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data.Entities;
using TicketMail.Data.Outgoing;

namespace TicketMail.Data.Queries;

internal sealed partial class EfTicketStore
{
    public Task<SavedMessage> SaveAsync(InboundMail mail, RoutingDecision decision, RawContent raw, DateTime nowUtc, CancellationToken cancellationToken) =>
        SaveAsync(mail, decision, raw, nowUtc, null, cancellationToken);

    public Task<SavedMessage> SaveAsync(
        InboundMail mail, RoutingDecision decision, RawContent raw, DateTime nowUtc, Func<Guid, OutgoingMail?>? acknowledge, CancellationToken cancellationToken) =>
        SaveAsync(mail, decision, raw, nowUtc, acknowledge, null, cancellationToken);

    public async Task<SavedMessage> SaveAsync(
        InboundMail mail, RoutingDecision decision, RawContent raw, DateTime nowUtc, Func<Guid, OutgoingMail?>? acknowledge,
        Func<Guid, string, IReadOnlyList<OutgoingMail>>? events, CancellationToken cancellationToken)
    {
        var saved = false;
        try
        {
            var result = await SaveCoreAsync(mail, decision, raw, nowUtc, acknowledge, events, cancellationToken);
            saved = true;
            return result;
        }
        catch (Exception ex) when (ProviderErrors.Translate(ex) is { } mapped)
        {
            throw mapped;
        }
        finally
        {
            // After a failed save the tracked entities are stale (a group's pending rows with them: the group is
            // rolled back and replayed); the caller routes again from scratch. Rows a group defers stay tracked.
            if (!saved || !_pending.Any)
            {
                _db.ChangeTracker.Clear();
                _pending.Clear();
                _largeBlobs.Clear();
            }
        }
    }

    private async Task<SavedMessage> SaveCoreAsync(
        InboundMail mail, RoutingDecision decision, RawContent raw, DateTime nowUtc, Func<Guid, OutgoingMail?>? acknowledge,
        Func<Guid, string, IReadOnlyList<OutgoingMail>>? events, CancellationToken cancellationToken)
    {
        if (!decision.Stores)
        {
            throw new InvalidOperationException($"a {decision.Action} decision stores nothing");
        }

        var ct = cancellationToken;
        var date = mail.EffectiveDate.UtcDateTime;
        Ticket ticket;
        if (decision.Action == RouteAction.Created)
        {
            var requester = mail.Requester!;
            ticket = new Ticket
            {
                Uuid = Guid.NewGuid(),
                Subject = StoredText.Of(mail.SubjectOrDefault),
                Status = "open",
                RequesterAddress = StoredText.Of(requester.Address.ToLowerInvariant()),
                RequesterName = StoredText.OrNull(requester.Name),
                Queue = decision.Queue ?? TicketDbContext.DefaultQueue,
                CreatedAt = nowUtc,
                UpdatedAt = nowUtc,
                LastMessageAt = date,
            };
            _db.Tickets.Add(ticket);
            if (decision.TicketLimit is { } limit
                && !await TryCountAsync(ticket.RequesterAddress, SenderCounts.Tickets, SenderCounts.HourOf(nowUtc), limit, ct))
            {
                // Concurrent deliveries reached the limit since the facts were read: routed again, it is a loop.
                throw new StoreConflictException($"{ticket.RequesterAddress} reached {limit} new tickets this hour meanwhile", new InvalidOperationException("limit reached"));
            }
        }
        else
        {
            var uuid = decision.Ticket!.Value;
            // A ticket an earlier message of the batch group opened or changed may not be written yet.
            ticket = _pending.Tickets.GetValueOrDefault(uuid) ?? await _db.Tickets.FirstAsync(t => t.Uuid == uuid, ct);
            ticket.UpdatedAt = nowUtc;
            if (date > ticket.LastMessageAt.AsUtc())
            {
                ticket.LastMessageAt = date;
            }

            if (decision.Reopens)
            {
                ticket.Status = "open";
            }
        }

        _pending.Tickets[ticket.Uuid] = ticket;
        var message = NewMessage(mail, decision, raw);
        message.Ticket = ticket;
        _db.Messages.Add(message);

        await AddThreadKeysAsync(mail, ticket, decision.Action == RouteAction.Created, ct);
        await AddAttachmentsAsync(mail, message, ct);
        await MarkAddressAsync(decision.Mark, nowUtc, ct);
        if (raw.Stream is { } rawStream)
        {
            _largeBlobs.Add(new LargeBlob(message, null, rawStream));
        }

        // Outbox rows (a second SaveChanges) and large blobs (written after their rows) must commit with the
        // rows: one transaction around all of it, opened here unless a batch's group already holds one.
        // (The search index follows the message rows by itself: triggers on SQLite, an index on PostgreSQL.)
        var outgoing = decision.Action == RouteAction.Created ? acknowledge?.Invoke(ticket.Uuid) : null;
        var announced = events?.Invoke(ticket.Uuid, ticket.Queue) ?? [];
        if (_group is not null && outgoing is null && announced.Count == 0 && _largeBlobs.Count == 0)
        {
            // Nothing here needs the rows' ids now: they are written with the group's next SaveChanges, at its
            // commit at the latest (one SaveChanges for many messages). The message id is known only then.
            _pending.Any = true;
            return new SavedMessage(ticket.Uuid, 0, decision.Action == RouteAction.Created) { Queue = ticket.Queue };
        }

        var transaction = (outgoing is not null || announced.Count > 0 || _largeBlobs.Count > 0 || decision.TicketLimit is not null) && _db.Database.CurrentTransaction is null
            ? await _db.Database.BeginTransactionAsync(ct)
            : null;
        await using var owned = transaction;
        var (outbox, eventRows) = await SaveWithOutgoingAsync(ticket, outgoing, announced, nowUtc, ct);
        // That SaveChanges wrote the group's pending rows too.
        _pending.Clear();
        await WriteLargeBlobsAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return new SavedMessage(ticket.Uuid, message.Id, decision.Action == RouteAction.Created)
        {
            OutboxId = outbox?.Id,
            EventIds = eventRows.Select(r => r.Id).ToList(),
            Queue = ticket.Queue,
        };
    }

    private static StoredMessage NewMessage(InboundMail mail, RoutingDecision decision, RawContent raw) => new()
    {
        DedupeKey = mail.DedupeKey,
        MessageId = StoredText.OrNull(mail.MessageId),
        InReplyTo = StoredText.OrNull(mail.InReplyTo.FirstOrDefault()),
        References = mail.References.Count == 0 ? null : StoredText.Of(string.Join(' ', mail.References)),
        // Automatic mail may have no sender at all (a bounce from <>): it is stored with an empty address.
        FromAddress = StoredText.Of((mail.From ?? mail.ReplyTo)?.Address ?? ""),
        FromName = StoredText.OrNull((mail.From ?? mail.ReplyTo)?.Name),
        ToList = StoredText.Of(AddressLines.Format(mail.To)),
        CcList = StoredText.Of(AddressLines.Format(mail.Cc)),
        Subject = StoredText.Of(mail.SubjectOrDefault),
        Date = mail.EffectiveDate.UtcDateTime,
        ReceivedAt = mail.ReceivedAt.UtcDateTime,
        TextBody = StoredText.Of(mail.Text),
        ReplyText = StoredText.Of(mail.Reply),
        HtmlBody = StoredText.OrNull(mail.Html),
        ReplyHtml = StoredText.OrNull(mail.ReplyHtml),
        OpenedTicket = decision.Action == RouteAction.Created,
        Rule = decision.Rule.Name(),
        Automatic = mail.Automatic,
        UnknownTag = decision.UnknownTag?.ToString("D"),
        AttachmentCount = mail.Attachments.Count,
        Notes = mail.Notes.Count == 0 ? null : StoredText.Of(string.Join('\n', mail.Notes)),
        RawSize = raw.Length,
        RawSha256 = mail.RawSha256,
        BodySha256 = mail.BodySha256,
        // A streamed message's bytes follow the row (WriteLargeBlobsAsync); until then the column holds nothing.
        Raw = new RawMessage { Content = raw.Bytes ?? [] },
    };

    /// <summary>
    /// Claims the message's own Message-ID and the one it answers for this ticket. A key that another
    /// process claimed since we looked makes SaveChanges fail with a unique violation, and the caller retries.
    /// </summary>
    private async Task AddThreadKeysAsync(InboundMail mail, Ticket ticket, bool created, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var wanted = new List<string>();
        // A reused Message-ID belongs to the other message's thread already; this one claims only what it answers.
        if (mail.MessageId is { } own && !mail.MessageIdReused)
        {
            wanted.Add(StoredText.Of(own));
        }

        wanted.AddRange(mail.InReplyTo.Select(StoredText.Of));
        wanted = wanted.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        // Inside a group the facts look-up has read these keys already, and the group knows what it claimed since.
        var taken = (_group is null ? null : _lookups.Taken(wanted))
            ?? await _db.ThreadKeys.Where(k => wanted.Contains(k.MessageId)).Select(k => k.MessageId).ToListAsync(ct);
        // Keys an earlier message of the batch group claimed are not written yet, but they are claimed.
        taken.AddRange(wanted.Where(_pending.ThreadKeys.Contains).Except(taken, StringComparer.Ordinal));
        if (created && taken.Count > 0)
        {
            // A new ticket whose thread another process claimed since the router looked (a reply and its
            // original arriving together): the facts are stale. Route again, and it joins that ticket.
            throw new StoreConflictException($"the thread <{taken[0]}> was claimed by another ticket meanwhile", new InvalidOperationException("stale routing facts"));
        }

        foreach (var id in wanted.Except(taken, StringComparer.Ordinal))
        {
            _db.ThreadKeys.Add(new ThreadKey { MessageId = id, Ticket = ticket });
            _pending.ThreadKeys.Add(id);
            _lookups.Claim(id);
        }
    }

    private async Task AddAttachmentsAsync(InboundMail mail, StoredMessage message, CancellationToken cancellationToken)
    {
        if (mail.Attachments.Count == 0)
        {
            return;
        }

        await _contents.PutAsync(mail.Attachments, cancellationToken);
        foreach (var attachment in mail.Attachments)
        {
            message.Attachments.Add(new StoredAttachment
            {
                FileName = StoredText.Of(attachment.FileName),
                ContentType = StoredText.Of(attachment.ContentType),
                Size = attachment.Size,
                Sha256 = attachment.Sha256,
                Inline = attachment.Inline,
                ContentId = StoredText.OrNull(attachment.ContentId),
                Omitted = attachment.Content is null,
            });
        }
    }
}
