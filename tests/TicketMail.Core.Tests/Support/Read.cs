using TicketMail.Core.Content;
using TicketMail.Core.Mail;
using TicketMail.TestKit;

namespace TicketMail.Core.Tests.Support;

/// <summary>Reads a fixture the way the CLI does: load, parse, turn into an InboundMail.</summary>
public static class Read
{
    public static InboundMail Fixture(string relative) => Bytes(RepoPaths.FixtureBytes(relative));

    public static InboundMail Bytes(byte[] raw)
    {
        using var stream = new MemoryStream(raw, writable: false);
        var sha = MessageLoader.Sha256Hex(stream);
        using var message = MessageLoader.Parse(stream);
        return new InboundMailReader(new BodyExtractor()).Read(message, sha, raw.LongLength, DateTimeOffset.UnixEpoch);
    }
}
