using MimeKit;

namespace TicketMail.Core.Mail;

/// <summary>A parsed message, with what the loader learnt before its header block.</summary>
/// <param name="EnvelopeSender">The address of a leading mbox "From " line: the last fallback for the sender.</param>
/// <param name="Notes">What was skipped before the header block, for the message's notes.</param>
public sealed record LoadedMessage(MimeMessage Message, string? EnvelopeSender, IReadOnlyList<string> Notes) : IDisposable
{
    public void Dispose() => Message.Dispose();
}
