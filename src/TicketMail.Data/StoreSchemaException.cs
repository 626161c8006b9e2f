namespace TicketMail.Data;

/// <summary>The database exists but lacks the schema: run 'ticketmail db migrate' (exit 78).</summary>
public sealed class StoreSchemaException(string message, Exception inner) : Exception(message, inner);
