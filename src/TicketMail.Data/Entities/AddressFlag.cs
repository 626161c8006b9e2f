namespace TicketMail.Data.Entities;

/// <summary>A mark on an address, such as "bounced" when one of our mails to it came back.</summary>
// Not sealed: EF's precompiled materializers test entities against IInjectableService, which a sealed class fails to compile.
public class AddressFlag
{
    /// <summary>Lower-cased address.</summary>
    public required string Address { get; set; }
    public required string Flag { get; set; }
    public string? Reason { get; set; }
    public DateTime UpdatedAt { get; set; }
}
