namespace TicketMail.Data;

/// <summary>
/// The database refused this one message (a value it cannot hold, a statement over its limits): retrying the
/// same bytes fails the same way, so after a few attempts the message is quarantined as unstorable.
/// </summary>
public sealed class StoreRejectedException(string message, Exception inner) : Exception(message, inner);
