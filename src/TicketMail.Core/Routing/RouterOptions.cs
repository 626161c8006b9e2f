namespace TicketMail.Core.Routing;

public sealed record RouterOptions(SupportAddress Support)
{
    /// <summary>Every support address with its queue; by default just <see cref="Support"/>.</summary>
    public SupportAddresses Addresses { get; init; } = SupportAddresses.Of(Support);

    public UnknownReplierPolicy UnknownReplier { get; init; } = UnknownReplierPolicy.Hold;

    /// <summary>More new tickets than this from one address within an hour are treated as a mail loop.</summary>
    public int MaxNewTicketsPerHour { get; init; } = 20;

    /// <summary>Automatic mail opens no ticket unless this is set.</summary>
    public bool AcceptAutomaticNewTickets { get; init; }
}
