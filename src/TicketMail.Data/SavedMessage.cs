namespace TicketMail.Data;

public sealed record SavedMessage(Guid Ticket, long MessageId, bool TicketCreated);
