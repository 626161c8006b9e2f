namespace TicketMail.Data.Entities;

/// <summary>The original bytes of a stored message, so it can always be parsed again.</summary>
// Not sealed: EF's precompiled materializers test entities against IInjectableService, which a sealed class fails to compile.
public class RawMessage
{
    public long StoredMessageId { get; set; }
    public required byte[] Content { get; set; }
}
