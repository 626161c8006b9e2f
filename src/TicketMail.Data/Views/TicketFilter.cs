namespace TicketMail.Data.Views;

/// <summary>What 'tickets list' asks for; null means "any". Status is "open" or "closed".</summary>
public sealed record TicketFilter(string? Status, string? RequesterAddress, DateTime? SinceUtc, int Limit)
{
    public string? Queue { get; init; }
}
