namespace TicketMail.Data.Views;

/// <summary>What an erase or purge removed (or, on a dry run, would remove).</summary>
public sealed record ErasureReport
{
    public List<Guid> Tickets { get; init; } = [];

    /// <summary>Messages removed, on the erased tickets and those the requester sent to other tickets.</summary>
    public int Messages { get; set; }
    public int Attachments { get; set; }

    /// <summary>Attachment contents removed because no remaining message refers to their hash.</summary>
    public int Blobs { get; set; }
    public int ThreadKeys { get; set; }
    public int OutboxRows { get; set; }
    public int AddressFlags { get; set; }
}
