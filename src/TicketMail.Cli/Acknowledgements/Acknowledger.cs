using Serilog;
using TicketMail.Cli.Configuration;
using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data;
using TicketMail.Data.Outgoing;
using TicketMail.Data.Views;

namespace TicketMail.Cli.Acknowledgements;

/// <summary>
/// Acknowledges new tickets. Before the save it decides whether to (never for automatic or held mail, nor
/// past the daily limit per sender) and hands the store a builder, so the mail lands in the outbox in the
/// ticket's own transaction; after the commit it sends. A failed send leaves the mail pending for
/// 'ticketmail outbox flush', and the ticket succeeds. A redelivered message is a duplicate and never saves,
/// so it is never acknowledged twice.
/// </summary>
public sealed class Acknowledger(AckSettings settings, TimeProvider clock)
{
    public AckSettings Settings { get; } = settings;

    public static Acknowledger? From(AppConfig config, TimeProvider clock) =>
        AckSettings.From(config) is { } settings ? new Acknowledger(settings, clock) : null;

    /// <summary>The builder to pass to SaveAsync, or null when this message gets no acknowledgement.</summary>
    public async Task<Func<Guid, OutgoingMail?>?> PrepareAsync(ITicketStore store, InboundMail mail, RoutingDecision decision, CancellationToken cancellationToken)
    {
        if (decision.Action != RouteAction.Created || mail.Automatic is not null || mail.AutomaticHint is not null || mail.AckRecipient is not { } requester
            || Settings.Addresses.IsOurs(requester.Address))
        {
            return null;
        }

        // Someone who reported our mail as spam gets no more of it.
        if (await store.AddressFlagAsync(requester.Address, cancellationToken) == AddressMark.Complained)
        {
            Log.Information("No acknowledgement to {Requester}: a feedback report said our mail to it was unwanted", requester.Address);
            return null;
        }

        var now = clock.GetUtcNow();
        var today = now.UtcDateTime.Date;
        var sent = await store.CountOutgoingAsync(requester.Address, AckBuilder.Kind, today, cancellationToken);
        if (sent >= Settings.DailyLimit)
        {
            Log.Information("No acknowledgement to {Requester}: {Count} sent today, the limit is {Limit}", requester.Address, sent, Settings.DailyLimit);
            return null;
        }

        // The count above was read before the insert: the store checks the limit again in the transaction.
        // From the address the ticket came in on (the first configured one when it named none).
        var from = Settings.Addresses.Find(decision.SupportAddress)?.Address ?? Settings.Support;
        return ticket => AckBuilder.Build(Settings, mail, ticket, now, from) with { DailyLimit = Settings.DailyLimit };
    }

    /// <summary>Sends one outbox row after commit. Never throws for a send failure: it is recorded on the row.</summary>
    public async Task<bool> SendAsync(ITicketStore store, long outboxId, CancellationToken cancellationToken)
    {
        var rows = await store.PendingOutboxAsync(outboxId, cancellationToken);
        return rows.Count == 1 && await SendAsync(store, rows[0], cancellationToken);
    }

    public async Task<bool> SendAsync(ITicketStore store, OutboxEntry row, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            // The VERP form of the address the mail went out from (a queue's own address, issue 16).
            await SmtpSender.SendAsync(Settings.Smtp, row.Mime!, m => Verp.EnvelopeSender(
                Settings.Addresses.Find(m.From.Mailboxes.FirstOrDefault()?.Address)?.Address ?? Settings.Support, row.MessageId), cancellationToken);
            await store.MarkOutboxAsync(row.Id, OutboxStatus.Sent, null, now, cancellationToken);
            Log.Information("Sent {Kind} {MessageId} for ticket {Ticket} to {To}", row.Kind, row.MessageId, row.Ticket, row.ToAddress);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var status = SmtpSender.IsPermanent(ex) ? OutboxStatus.Failed : OutboxStatus.Pending;
            Log.Warning("Could not send {Kind} {MessageId} via {Smtp}: {Error}; it stays {Status}", row.Kind, row.MessageId, Settings.Smtp.Display, ex.Message, status);
            await store.MarkOutboxAsync(row.Id, status, ex.Message, now, CancellationToken.None);
            return false;
        }
    }
}
