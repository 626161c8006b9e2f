using TicketMail.Core.Mail;
using TicketMail.Core.Routing;

namespace TicketMail.Cli.Batch;

/// <summary>
/// What the earlier messages of a batch group created, laid over the facts the store loaded for the whole
/// group before any of them was saved: a reply finds the ticket its original opened a moment ago, a second copy
/// is a duplicate, a reply stored first gives its thread to the original. Pure: plain values in, plain values out.
/// It mirrors what the store's save writes (dedupe key, thread keys, the ticket's participants and status).
/// </summary>
internal sealed class GroupFacts
{
    private readonly Dictionary<string, Guid> _stored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _threads = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, TicketFacts> _tickets = [];
    private readonly Dictionary<string, int> _opened = new(StringComparer.Ordinal);

    /// <summary>The facts for one message: the store's answers plus the group's own rows.</summary>
    public StoreFacts For(RoutingQuery query, StoreFacts loaded)
    {
        if (_stored.Count == 0)
        {
            return loaded;
        }

        var threads = new Dictionary<string, Guid>(loaded.ThreadKeys, StringComparer.Ordinal);
        foreach (var id in query.ThreadIds)
        {
            if (!threads.ContainsKey(id) && _threads.TryGetValue(id, out var ticket))
            {
                threads[id] = ticket;
            }
        }

        var duplicate = loaded.DuplicateOf ?? (_stored.TryGetValue(query.DedupeKey, out var stored) ? stored : null);
        var tickets = new Dictionary<Guid, TicketFacts>(loaded.Tickets);
        foreach (var uuid in query.TicketUuids.Concat(threads.Values).Concat(duplicate is { } d ? [d] : []))
        {
            if (_tickets.TryGetValue(uuid, out var changed))
            {
                tickets[uuid] = changed;
            }
        }

        return new StoreFacts
        {
            DuplicateOf = duplicate,
            Tickets = tickets,
            ThreadKeys = threads,
            RecentTicketsFromRequester = loaded.RecentTicketsFromRequester
                + (query.RequesterAddress is { } requester ? _opened.GetValueOrDefault(requester.ToLowerInvariant()) : 0),
        };
    }

    /// <summary>Records a message the group stored on <paramref name="ticket"/>, decided with <paramref name="facts"/>.</summary>
    public void Record(InboundMail mail, RoutingDecision decision, Guid ticket, StoreFacts facts)
    {
        _stored[mail.DedupeKey] = ticket;
        foreach (var id in (mail.MessageId is { } own ? [own] : Array.Empty<string>()).Concat(mail.InReplyTo))
        {
            // The save claims the keys no ticket holds yet (EfTicketStore.AddThreadKeysAsync).
            if (!facts.ThreadKeys.ContainsKey(id))
            {
                _threads.TryAdd(id, ticket);
            }
        }

        var created = decision.Action == RouteAction.Created;
        var before = _tickets.GetValueOrDefault(ticket) ?? facts.Tickets.GetValueOrDefault(ticket);
        var participants = new HashSet<string>(before?.Participants ?? new HashSet<string>(), StringComparer.OrdinalIgnoreCase);
        if ((mail.From ?? mail.ReplyTo) is { } sender)
        {
            participants.Add(sender.Address);
        }

        participants.UnionWith(mail.To.Concat(mail.Cc).Select(a => a.Address));
        var requester = before?.RequesterAddress ?? mail.Requester?.Address.ToLowerInvariant() ?? "";
        var status = created || decision.Reopens ? TicketStatus.Open : before?.Status ?? TicketStatus.Open;
        _tickets[ticket] = new TicketFacts(ticket, status, requester, participants);
        if (created)
        {
            _opened[requester] = _opened.GetValueOrDefault(requester) + 1;
        }
    }
}
