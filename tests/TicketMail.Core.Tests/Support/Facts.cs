using TicketMail.Core.Routing;

namespace TicketMail.Core.Tests.Support;

/// <summary>Builds what the store would answer, with plain values.</summary>
public static class Facts
{
    public static TicketFacts Ticket(Guid uuid, string requester = "ann@customer.example", TicketStatus status = TicketStatus.Open, params string[] participants) =>
        new(uuid, status, requester, new HashSet<string>(participants.Append(requester), StringComparer.OrdinalIgnoreCase));

    public static StoreFacts With(params TicketFacts[] tickets) => new()
    {
        Tickets = tickets.ToDictionary(t => t.Uuid),
    };

    public static StoreFacts WithThread(TicketFacts ticket, params string[] messageIds) => new()
    {
        Tickets = new Dictionary<Guid, TicketFacts> { [ticket.Uuid] = ticket },
        ThreadKeys = messageIds.ToDictionary(id => id, _ => ticket.Uuid),
    };
}
