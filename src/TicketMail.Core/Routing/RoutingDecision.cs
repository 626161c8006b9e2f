namespace TicketMail.Core.Routing;

/// <summary>What to do with one message. The store carries it out; the CLI prints it.</summary>
public sealed record RoutingDecision(
    RouteAction Action,
    RouteRule Rule,
    Guid? Ticket,
    IReadOnlyList<string> Trace)
{
    /// <summary>For ignored, held and rejected mail: why, in one word (auto-replied, unknown-sender, loop, ...).</summary>
    public string? Reason { get; init; }

    /// <summary>The reply goes to a closed ticket and should open it again.</summary>
    public bool Reopens { get; init; }

    /// <summary>A tag whose UUID names no ticket: recorded on the message and logged.</summary>
    public Guid? UnknownTag { get; init; }

    /// <summary>A report about our mail marks the address it went to: "bounced" (a permanent failure) or "complained" (a feedback report).</summary>
    public AddressMark? Mark { get; init; }

    /// <summary>
    /// For a new ticket: the hourly limit of new tickets from its requester, which the store enforces again in the
    /// transaction (another process may have opened one since the facts were read). Null for a released message.
    /// </summary>
    public int? TicketLimit { get; init; }

    /// <summary>The queue of the support address the message came in on (for a new ticket, its queue).</summary>
    public string? Queue { get; init; }

    /// <summary>That support address, e.g. billing@example.com: a new ticket's acknowledgement goes out from it.</summary>
    public string? SupportAddress { get; init; }

    public bool Stores => Action is RouteAction.Created or RouteAction.Replied;
}
