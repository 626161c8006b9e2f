namespace TicketMail.Data.Entities;

/// <summary>
/// How many new tickets (kind "tickets", per UTC hour) or acknowledgements (kind "acks", per UTC day) one address
/// got. Updated in the transaction that stores the ticket, with <see cref="Count"/> as a concurrency token: two
/// deliveries that race both read the same count, and the second one's update fails and routes again, so the
/// limits hold under concurrency (a count read before the insert let 8-way deliveries overshoot them).
/// </summary>
// Not sealed: EF's precompiled materializers test entities against IInjectableService, which a sealed class fails to compile.
public class SenderCounter
{
    /// <summary>Lower-cased address.</summary>
    public required string Address { get; set; }

    /// <summary>"tickets" or "acks".</summary>
    public required string Kind { get; set; }

    /// <summary>Start of the window (the UTC hour or day).</summary>
    public DateTime WindowStart { get; set; }
    public int Count { get; set; }
}
