namespace TicketMail.Core.Mail;

/// <summary>The input is not a message we can turn into a ticket (exit 65, EX_DATAERR).</summary>
public sealed class UnusableMessageException(string message) : Exception(message)
{
    /// <summary>What was read before the message was refused (null when it did not parse), so the result line can show it.</summary>
    public InboundMail? Parsed { get; init; }
}
