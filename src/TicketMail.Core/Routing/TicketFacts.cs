namespace TicketMail.Core.Routing;

public enum TicketStatus
{
    Open,
    Closed,
}

/// <summary>What the store knows of one ticket: enough to route a reply and to check its sender.</summary>
public sealed record TicketFacts(Guid Uuid, TicketStatus Status, string RequesterAddress, IReadOnlySet<string> Participants)
{
    public bool Knows(string? address) =>
        address is not null
        && (string.Equals(address, RequesterAddress, StringComparison.OrdinalIgnoreCase) || Participants.Contains(address));
}
