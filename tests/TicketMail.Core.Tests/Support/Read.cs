using TicketMail.Core.Classification;
using TicketMail.Core.Content;
using TicketMail.Core.Mail;
using TicketMail.Core.Routing;
using TicketMail.TestKit;

namespace TicketMail.Core.Tests.Support;

/// <summary>Reads a fixture the way the CLI does: load, parse, read, classify, require a sender.</summary>
public static class Read
{
    private static readonly MailIntake Intake = new(
        new InboundMailReader(new BodyExtractor()),
        new AutomaticMailClassifier(new ClassifierOptions(SupportAddress.Parse("support@example.com"), null)));

    public static InboundMail Fixture(string relative) => Bytes(RepoPaths.FixtureBytes(relative));

    public static InboundMail Bytes(byte[] raw)
    {
        using var stream = new MemoryStream(raw, writable: false);
        var sha = Sha256Hex.Of(stream);
        using var message = MessageLoader.Load(stream);
        return Intake.Read(message, sha, raw.LongLength, DateTimeOffset.UnixEpoch);
    }
}
