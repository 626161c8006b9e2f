using TicketMail.Core.Mail;

namespace TicketMail.Core.Routing;

/// <summary>
/// When automatic mail may join a ticket (flagged, never reopening it): it comes from a participant, or it
/// refers to a message stored on that ticket or sent by us: In-Reply-To, References, the returned
/// message's Message-ID, or the VERP token. A MIME report (bounce, complaint, receipt) must refer to a
/// message we sent: anyone can forge a report, only we know our Message-IDs and tokens.
/// </summary>
internal static class AutomaticLink
{
    /// <param name="SentMessageId">The message of ours it refers to, when it does.</param>
    /// <param name="SentTo">Where that message went: the only address a report may mark.</param>
    public sealed record Link(string Why, string? SentMessageId, string? SentTo);

    /// <param name="ours">Every configured support address: none of them (nor their +tag forms) is ever a participant.</param>
    public static Link? Proof(InboundMail mail, RoutingQuery query, StoreFacts facts, TicketFacts ticket, SupportAddresses ours)
    {
        var ids = query.Verp.Select(v => v.MessageId)
            .Concat(mail.BouncedMessageId is { } b ? [b] : [])
            .Concat(query.InReplyTo)
            .Concat(query.References)
            .Concat(query.OwnMessageId is { } own ? [own] : [])
            .Distinct(StringComparer.Ordinal);
        Link? onTicket = null;
        foreach (var id in ids)
        {
            if (!facts.ThreadKeys.TryGetValue(id, out var uuid) || uuid != ticket.Uuid)
            {
                continue;
            }

            if (facts.SentByUs.TryGetValue(id, out var to))
            {
                return new Link($"linked: it refers to <{id}>, which we sent to {to}", id, to);
            }

            onTicket ??= new Link($"linked: it refers to <{id}>, stored on ticket {ticket.Uuid}", null, null);
        }

        if (mail.IsReport)
        {
            return null;
        }

        if (onTicket is not null)
        {
            return onTicket;
        }

        var sender = mail.From?.Address ?? mail.ReplyTo?.Address;
        return !ours.IsOurs(sender) && ticket.Knows(sender)
            ? new Link($"linked: {sender} is a participant of ticket {ticket.Uuid}", null, null)
            : null;
    }

    /// <summary>
    /// A complaint about our message marks its recipient; a bounce marks it only when the report names that
    /// recipient as failed for good (a delay notice marks nothing).
    /// </summary>
    public static AddressMark? Mark(InboundMail mail, Link link)
    {
        if (link.SentTo is not { } to || link.SentMessageId is not { } id)
        {
            return null;
        }

        if (mail.Automatic == "feedback")
        {
            return new AddressMark(to, AddressMark.Complained, $"feedback report ({mail.FeedbackType ?? "abuse"}) about <{id}>");
        }

        var failed = mail.BouncedRecipients.FirstOrDefault(r => r.Permanent && r.Address.Equals(to, StringComparison.OrdinalIgnoreCase));
        return mail.Automatic == "bounce" && failed is not null
            ? new AddressMark(to, AddressMark.Bounced, $"bounce of <{id}>" + (failed.Status is { } s ? $", status {s}" : ""))
            : null;
    }
}
