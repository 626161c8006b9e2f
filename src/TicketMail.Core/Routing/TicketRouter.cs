using System.Text.RegularExpressions;
using TicketMail.Core.Mail;

namespace TicketMail.Core.Routing;

/// <summary>
/// Decides what one message becomes: a new ticket, a reply, a duplicate, or mail to keep aside.
/// Pure: it sees the parsed message and the store's answers, never a database, file or console.
/// </summary>
public sealed partial class TicketRouter(RouterOptions options)
{
    public RouterOptions Options => options;

    /// <summary>The look-ups the store must answer before <see cref="Decide"/> can run.</summary>
    public RoutingQuery Plan(InboundMail mail, IReadOnlyList<string> envelopeRecipients)
    {
        var tags = new List<TagCandidate>();
        void AddTags(IEnumerable<string> addresses, bool envelope)
        {
            foreach (var address in addresses)
            {
                if (options.Addresses.TagOf(address) is { } uuid && tags.All(t => t.Ticket != uuid))
                {
                    tags.Add(new TagCandidate(uuid, address, envelope));
                }
            }
        }

        AddTags(envelopeRecipients, envelope: true);
        AddTags(mail.DeliveredTo, envelope: false);
        AddTags(mail.To.Concat(mail.Cc).Select(a => a.Address), envelope: false);

        var verp = new List<VerpCandidate>();
        foreach (var address in envelopeRecipients.Concat(mail.DeliveredTo).Concat(mail.To.Select(a => a.Address)))
        {
            // An acknowledgement goes out from its queue's address: a bounce comes back to that address's VERP form.
            if (Verp.MessageIdOf(options.Addresses.Find(address)?.Address ?? options.Support, address) is { } id && verp.All(v => v.MessageId != id))
            {
                verp.Add(new VerpCandidate(address, id));
            }
        }

        return new RoutingQuery(
            mail.DedupeKey,
            tags,
            mail.InReplyTo,
            mail.References,
            mail.MessageId,
            SubjectToken(mail.Subject),
            mail.Requester?.Address)
        {
            Verp = verp,
            Automatic = mail.Automatic is not null,
            BodySha256 = mail.BodySha256,
            Inbound = InboundAddress.Of(options.Addresses, Recipients(mail, envelopeRecipients)),
        };
    }

    /// <summary>Every recipient with where it was seen, in the order the tags are looked for.</summary>
    private static IEnumerable<(string Source, string Address)> Recipients(InboundMail mail, IReadOnlyList<string> envelope) =>
        envelope.Select(a => ("envelope recipient", a))
            .Concat(mail.DeliveredTo.Select(a => ("Delivered-To", a)))
            .Concat(mail.To.Select(a => ("To", a.Address)))
            .Concat(mail.Cc.Select(a => ("Cc", a.Address)));

    public RoutingDecision Decide(InboundMail mail, RoutingQuery query, StoreFacts facts, bool releasing = false)
    {
        var trace = new List<string>();
        var (rule, ticket, unknownTag) = Match(query, facts, trace, isDuplicate: facts.DuplicateOf is not null);

        if (facts.DuplicateOf is { } existing)
        {
            trace.Add($"duplicate: a stored message has the same key ({query.DedupeKey})");
            return new RoutingDecision(RouteAction.Duplicate, rule, existing, trace) { UnknownTag = unknownTag };
        }

        var decision = ticket is null
            ? DecideNew(mail, facts, trace, unknownTag, releasing)
            : DecideReply(mail, query, facts, rule, ticket, trace, unknownTag, releasing);
        return WithQueue(decision, query.Inbound, trace);
    }

    /// <summary>A new ticket takes the queue of the support address it came in on (a reply keeps its ticket's).</summary>
    private RoutingDecision WithQueue(RoutingDecision decision, InboundAddress inbound, List<string> trace)
    {
        var address = (inbound.Entry?.Address ?? options.Addresses.Default).Address;
        if (decision.Ticket is not null)
        {
            return decision with { SupportAddress = address };
        }

        if (decision.Action == RouteAction.Created)
        {
            trace.Add(inbound.Trace(options.Addresses.DefaultQueue));
        }

        return decision with { Queue = inbound.Entry?.Queue ?? options.Addresses.DefaultQueue, SupportAddress = address };
    }

    private static (RouteRule Rule, TicketFacts? Ticket, Guid? UnknownTag) Match(RoutingQuery query, StoreFacts facts, List<string> trace, bool isDuplicate)
    {
        foreach (var verp in query.Verp)
        {
            if (facts.SentByUs.ContainsKey(verp.MessageId) && Thread(verp.MessageId, facts) is { } sent)
            {
                trace.Add($"verp: recipient {verp.Address} names our message <{verp.MessageId}> on ticket {sent.Uuid}");
                return (RouteRule.Verp, sent, null);
            }

            trace.Add($"verp: recipient {verp.Address} names no message we sent");
        }

        Guid? unknownTag = null;
        foreach (var tag in query.Tags)
        {
            if (facts.Tickets.TryGetValue(tag.Ticket, out var tagged))
            {
                var rule = tag.FromEnvelope ? RouteRule.Envelope : RouteRule.Tag;
                trace.Add($"{rule.Name()}: recipient {tag.Address} names ticket {tag.Ticket}");
                return (rule, tagged, null);
            }

            unknownTag ??= tag.Ticket;
            trace.Add($"tag: recipient {tag.Address} names ticket {tag.Ticket}, which does not exist");
        }

        foreach (var id in query.InReplyTo)
        {
            if (Thread(id, facts) is { } t)
            {
                trace.Add($"in-reply-to: <{id}> is stored on ticket {t.Uuid}");
                return (RouteRule.InReplyTo, t, unknownTag);
            }
        }

        foreach (var id in query.References.Reverse())
        {
            if (Thread(id, facts) is { } t)
            {
                trace.Add($"references: <{id}> is stored on ticket {t.Uuid}");
                return (RouteRule.References, t, unknownTag);
            }
        }

        // A reply can be stored before the message it answers (two deliveries racing): the reply
        // then claimed this Message-ID for its ticket, and the original joins it.
        if (!isDuplicate && query.OwnMessageId is { } own && Thread(own, facts) is { } claimed)
        {
            trace.Add($"references: a stored reply on ticket {claimed.Uuid} answers <{own}>");
            return (RouteRule.References, claimed, unknownTag);
        }

        if (query.SubjectToken is { } token)
        {
            if (facts.Tickets.TryGetValue(token, out var bySubject))
            {
                trace.Add($"subject: token [#{token}] names ticket {token}");
                return (RouteRule.Subject, bySubject, unknownTag);
            }

            trace.Add($"subject: token [#{token}] names no ticket");
        }

        trace.Add("new: no tag, thread or subject token matched a ticket");
        return (RouteRule.New, null, unknownTag);
    }

    private static TicketFacts? Thread(string messageId, StoreFacts facts) =>
        facts.ThreadKeys.TryGetValue(messageId, out var uuid) && facts.Tickets.TryGetValue(uuid, out var t) ? t : null;

    private RoutingDecision DecideNew(InboundMail mail, StoreFacts facts, List<string> trace, Guid? unknownTag, bool releasing)
    {
        RoutingDecision Keep(RouteAction action, string reason, string why)
        {
            trace.Add(why);
            return new RoutingDecision(action, RouteRule.New, null, trace) { Reason = reason, UnknownTag = unknownTag };
        }

        if (!releasing)
        {
            if (ForgedOwnAddress(mail) is { } forged)
            {
                return Keep(RouteAction.Held, "forged-sender", forged);
            }

            if (mail.Automatic is { } automatic && !options.AcceptAutomaticNewTickets)
            {
                return Keep(RouteAction.Ignored, automatic, $"automatic mail ({automatic}: {mail.AutomaticEvidence}) opens no ticket");
            }

            if (mail.Spoofed)
            {
                return Keep(RouteAction.Held, "spoofed", "sender: our MTA reports dmarc=fail");
            }

            if (facts.RecentTicketsFromRequester >= options.MaxNewTicketsPerHour)
            {
                return Keep(RouteAction.Ignored, "loop",
                    $"loop breaker: {mail.Requester?.Address} opened {facts.RecentTicketsFromRequester} tickets in the last hour (limit {options.MaxNewTicketsPerHour})");
            }
        }

        trace.Add($"created: a new ticket for {mail.Requester?.Address}");
        return new RoutingDecision(RouteAction.Created, RouteRule.New, null, trace)
        {
            UnknownTag = unknownTag,
            TicketLimit = releasing ? null : options.MaxNewTicketsPerHour,
        };
    }

    private RoutingDecision DecideReply(InboundMail mail, RoutingQuery query, StoreFacts facts, RouteRule rule, TicketFacts ticket, List<string> trace, Guid? unknownTag, bool releasing)
    {
        RoutingDecision Keep(RouteAction action, string reason, string why)
        {
            trace.Add(why);
            return new RoutingDecision(action, rule, ticket.Uuid, trace) { Reason = reason, UnknownTag = unknownTag };
        }

        var sender = mail.From?.Address ?? mail.ReplyTo?.Address;
        AddressMark? mark = null;
        if (!releasing)
        {
            if (mail.Spoofed)
            {
                return Keep(RouteAction.Held, "spoofed", "sender: our MTA reports dmarc=fail");
            }

            if (ForgedOwnAddress(mail) is { } forged)
            {
                return Keep(RouteAction.Held, "forged-sender", forged);
            }

            if (mail.Automatic is { } automatic)
            {
                // A tag or subject token alone is no proof: anyone can write to support+<uuid>@.
                if (AutomaticLink.Proof(mail, query, facts, ticket, options.Addresses) is not { } proof)
                {
                    return Keep(RouteAction.Ignored, automatic,
                        $"automatic mail ({automatic}) refers to no message {(mail.IsReport ? "we sent" : "of")} ticket {ticket.Uuid}"
                        + (mail.IsReport ? "" : " and is not from a participant") + "; quarantined");
                }

                trace.Add(proof.Why);
                mark = AutomaticLink.Mark(mail, proof);
                if (mark is not null)
                {
                    trace.Add($"mark: {mark.Address} is {mark.Flag} ({mark.Reason})");
                }
            }
            else if (!Participant(ticket, sender))
            {
                switch (options.UnknownReplier)
                {
                    case UnknownReplierPolicy.Hold:
                        return Keep(RouteAction.Held, "unknown-sender", $"sender: {sender} is not a participant of ticket {ticket.Uuid}; held");
                    case UnknownReplierPolicy.Reject:
                        return Keep(RouteAction.Rejected, "unknown-sender", $"sender: {sender} is not a participant of ticket {ticket.Uuid}; rejected");
                    default:
                        trace.Add($"sender: {sender} is not a participant, accepted by policy");
                        break;
                }
            }
            else
            {
                trace.Add($"sender: {sender} is known on ticket {ticket.Uuid}");
            }
        }

        // Automatic mail, and mail with only a weak automatic signal (an auto-reply subject), never reopens.
        var reopens = ticket.Status == TicketStatus.Closed && mail.Automatic is null && mail.AutomaticHint is null;
        trace.Add(reopens ? $"replied: appended; ticket {ticket.Uuid} was closed and reopens"
            : ticket.Status == TicketStatus.Closed ? $"replied: appended to ticket {ticket.Uuid}, which stays closed" : $"replied: appended to ticket {ticket.Uuid}");
        return new RoutingDecision(RouteAction.Replied, rule, ticket.Uuid, trace) { Reopens = reopens, UnknownTag = unknownTag, Mark = mark };
    }

    /// <summary>Our own addresses are never participants: the support address is in To of every customer message.</summary>
    private bool Participant(TicketFacts ticket, string? address) => !options.Addresses.IsOurs(address) && ticket.Knows(address);

    /// <summary>Mail that claims to come from our own address but lacks our loop header is forged.</summary>
    private string? ForgedOwnAddress(InboundMail mail)
    {
        var from = mail.From?.Address;
        return options.Addresses.IsOurs(from) && !mail.OurLoopHeader
            ? $"sender: {from} is our own address, but the mail lacks our {Mail.OurHeaders.LoopHeader} header; held"
            : null;
    }

    public static Guid? SubjectToken(string? subject)
    {
        if (subject is null)
        {
            return null;
        }

        var match = SubjectTokenPattern().Match(subject);
        return match.Success ? Guid.Parse(match.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"\[#([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\]", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectTokenPattern();
}
