using Serilog;
using TicketMail.Cli.Webhooks;
using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data;
using TicketMail.Data.Outgoing;

namespace TicketMail.Cli.Processing;

/// <summary>
/// Webhook events (issue 16): written to the outbox in the message's own transaction (or, for held mail, on
/// their own), posted after the commit with a short timeout. A dead web app never fails or defers a message:
/// its events stay pending for 'outbox flush'.
/// </summary>
public sealed partial class MessageProcessor
{
    /// <summary>The events builder handed to SaveAsync, or null when webhooks are off.</summary>
    internal Func<Guid, string, IReadOnlyList<OutgoingMail>>? Events(InboundMail mail, RoutingDecision decision)
    {
        if (Webhooks is null)
        {
            return null;
        }

        var name = decision.Action == RouteAction.Created ? WebhookEvent.Created : WebhookEvent.Replied;
        var now = clock.GetUtcNow();
        return (ticket, queue) => WebhookEvent.Build(Webhooks.Settings, name, ticket, queue, mail, null, now);
    }

    /// <summary>
    /// message.held for a held or rejected message. On its own its rows are written and posted at once; inside a
    /// batch's group they are written in the group's transaction and their ids returned, for the importer to post
    /// after the commit (a failure there fails the group like any other).
    /// </summary>
    internal async Task<IReadOnlyList<long>> AnnounceHeldAsync(ITicketStore tickets, InboundMail mail, RoutingDecision decision, CancellationToken cancellationToken)
    {
        if (Webhooks is null || decision.Action is not (RouteAction.Held or RouteAction.Rejected))
        {
            return [];
        }

        var events = WebhookEvent.Build(Webhooks.Settings, WebhookEvent.Held, decision.Ticket, decision.Queue, mail, decision.Reason, clock.GetUtcNow());
        var inGroup = tickets.InGroup;
        try
        {
            var ids = await tickets.AddOutgoingAsync(decision.Ticket, events, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (inGroup)
            {
                return ids;
            }

            await SendEventsAsync(tickets, ids, cancellationToken);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or StoreConflictException && !inGroup)
        {
            // The message itself is safe in quarantine; only its notice is lost, and the log says so.
            Log.Warning("Could not write the {Event} event for {MessageId}: {Error}", WebhookEvent.Held, mail.MessageId, ex.Message);
        }

        return [];
    }

    internal async Task SendEventsAsync(ITicketStore tickets, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (Webhooks is not null && ids.Count > 0)
        {
            await Webhooks.SendAsync(tickets, ids, cancellationToken);
        }
    }
}
