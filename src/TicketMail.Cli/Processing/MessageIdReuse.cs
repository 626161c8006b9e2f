using TicketMail.Core.Mail;
using TicketMail.Core.Routing;

namespace TicketMail.Cli.Processing;

/// <summary>
/// A different message that reuses a stored Message-ID (same key, another body) used to be dropped as a duplicate.
/// It is stored as a new message, with a note saying so, and does not claim the Message-ID's thread.
/// </summary>
public static class MessageIdReuse
{
    public const string Note = "Message-ID reused: a stored message has this Message-ID with another body";

    public static InboundMail Mark(InboundMail mail, StoreFacts facts) => facts.MessageIdReused && !mail.MessageIdReused
        ? mail with { MessageIdReused = true, Notes = [.. mail.Notes, Note] }
        : mail;
}
