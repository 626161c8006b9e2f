namespace TicketMail.Data;

/// <summary>A unique key was taken by another process between our read and our write. Route again.</summary>
public sealed class StoreConflictException(string message, Exception inner) : Exception(message, inner);
