namespace TicketMail.Core.Routing;

/// <summary>A mark to put on an address in the same transaction as the message: bounced or complained.</summary>
public sealed record AddressMark(string Address, string Flag, string Reason)
{
    public const string Bounced = "bounced";

    /// <summary>A feedback (abuse) report about our mail to this address: no more acknowledgements to it.</summary>
    public const string Complained = "complained";
}
