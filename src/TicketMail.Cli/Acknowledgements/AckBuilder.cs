using MimeKit;
using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.Data.Outgoing;

namespace TicketMail.Cli.Acknowledgements;

/// <summary>Builds the acknowledgement for a new ticket as complete MIME bytes, ready for the outbox.</summary>
public static class AckBuilder
{
    public const string Kind = "ack";

    /// <param name="from">The support address the ticket came in on; the first configured one when null.</param>
    public static OutgoingMail Build(AckSettings settings, InboundMail original, Guid ticket, DateTimeOffset now, SupportAddress? from = null)
    {
        var requester = original.AckRecipient!;
        var support = from ?? settings.Support;
        var replyAddress = support.TaggedFor(ticket);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, support.Address!));
        message.ReplyTo.Add(new MailboxAddress(settings.FromName, replyAddress));
        message.To.Add(new MailboxAddress(requester.Name, requester.Address));
        // The subject is the sender's text: no control character of theirs goes into our header.
        message.Subject = $"[#{ticket:D}] {Output.SafeText.Line(original.SubjectOrDefault)}";
        message.Date = now;
        // The Message-ID carries the VERP token: the envelope sender support+b-<token>@ names this very mail.
        message.MessageId = Verp.NewMessageId(support);
        if (original.MessageId is { } id)
        {
            message.InReplyTo = id;
            foreach (var reference in original.References)
            {
                message.References.Add(reference);
            }

            message.References.Add(id);
        }

        // RFC 3834 and the Microsoft/list conventions: other robots must not answer this mail.
        message.Headers.Add("Auto-Submitted", "auto-replied");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        message.Headers.Add("Precedence", "bulk");
        message.Headers.Add(OurHeaders.LoopHeader, support.Address!);
        message.Body = new TextPart("plain")
        {
            Text = AckTemplate.Render(settings.TemplateFile, ticket, original.SubjectOrDefault, requester.Name, replyAddress),
        };

        using var buffer = new MemoryStream();
        message.WriteTo(FormatOptions.Default, buffer);
        return new OutgoingMail(requester.Address, message.MessageId, Kind, buffer.ToArray());
    }
}
