using System.Text;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Support;

public static class Fixture
{
    public static byte[] Bytes(string relative) => RepoPaths.FixtureBytes(relative);

    /// <summary>The fixture with {{TICKET}} replaced by a real ticket UUID.</summary>
    public static byte[] ForTicket(string relative, string ticket) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Bytes(relative)).Replace("{{TICKET}}", ticket, StringComparison.Ordinal));
}
