namespace TicketMail.Data;

/// <summary>The database could not be reached, or did not answer in time (exit 75: try again later).</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
