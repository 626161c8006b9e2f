namespace TicketMail.Core.Mail;

/// <summary>The input is not a message we can turn into a ticket (exit 65, EX_DATAERR).</summary>
public sealed class UnusableMessageException(string message) : Exception(message);
