using TicketMail.Core.Classification;

namespace TicketMail.Core.Mail;

/// <summary>
/// Reads and classifies a loaded message, and only then requires a sender: automatic mail without one
/// (a bounce from &lt;&gt;) is still a defined outcome (ignored or linked, exit 0). Only a message with no
/// sender address anywhere and no automatic signal is refused (exit 65).
/// </summary>
public sealed class MailIntake(InboundMailReader reader, AutomaticMailClassifier classifier)
{
    public InboundMail Read(LoadedMessage loaded, string rawSha256, long rawSize, DateTimeOffset receivedAt)
    {
        var mail = reader.Read(loaded, rawSha256, rawSize, receivedAt).With(classifier.Classify(loaded.Message));
        if (mail.Requester is null && mail.Automatic is null)
        {
            throw new UnusableMessageException("the message has no sender (no address in From, Sender, Reply-To, Return-Path or an mbox From line) and nothing marks it as automatic")
            {
                Parsed = mail,
            };
        }

        return mail;
    }
}
