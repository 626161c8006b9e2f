namespace TicketMail.Core.Routing;

/// <summary>A ticket UUID found in a recipient address, and where: the envelope (--recipient) or a header.</summary>
public sealed record TagCandidate(Guid Ticket, string Address, bool FromEnvelope);
