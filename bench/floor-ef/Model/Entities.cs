namespace TicketMail.Bench.FloorEf;

public sealed class FloorTicket
{
    public long Id { get; set; }
    public Guid Uuid { get; set; }
    public required string Subject { get; set; }
    public required string RequesterAddress { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<FloorMessage> Messages { get; } = [];
}

public sealed class FloorMessage
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public FloorTicket? Ticket { get; set; }
    public required string DedupeKey { get; set; }
    public required string FromAddress { get; set; }
    public required string Subject { get; set; }
    public string? TextBody { get; set; }
    public FloorRaw? Raw { get; set; }
}

public sealed class FloorRaw
{
    public long MessageId { get; set; }
    public required byte[] Content { get; set; }
}
