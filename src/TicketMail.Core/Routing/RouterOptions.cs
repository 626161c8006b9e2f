namespace TicketMail.Core.Routing;

public sealed record RouterOptions(SupportAddress Support)
{
    public UnknownReplierPolicy UnknownReplier { get; init; } = UnknownReplierPolicy.Hold;

    /// <summary>More new tickets than this from one address within an hour are treated as a mail loop.</summary>
    public int MaxNewTicketsPerHour { get; init; } = 20;

    /// <summary>Automatic mail opens no ticket unless this is set.</summary>
    public bool AcceptAutomaticNewTickets { get; init; }
}
