namespace TicketMail.Core.Routing;

/// <summary>What to do with a reply from an address the ticket has never seen (TICKETMAIL_UNKNOWN_REPLIER).</summary>
public enum UnknownReplierPolicy
{
    Hold,
    Accept,
    Reject,
}
