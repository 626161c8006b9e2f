using TicketMail.Core.Routing;

namespace TicketMail.Core.Classification;

/// <param name="Support">Mail from this address or any +tag form of it is a loop.</param>
/// <param name="AuthservId">Our own MTA's authserv-id in Authentication-Results; null disables the dmarc check.</param>
public sealed record ClassifierOptions(SupportAddress Support, string? AuthservId)
{
    /// <summary>TICKETMAIL_OWN_LISTS: list ids or list addresses whose mail is written by people (our own lists).</summary>
    public IReadOnlyList<string> OwnLists { get; init; } = [];

    /// <summary>Every support address: mail from any of them (or their +tag forms) is a loop.</summary>
    public SupportAddresses Addresses { get; init; } = SupportAddresses.Of(Support);
}
