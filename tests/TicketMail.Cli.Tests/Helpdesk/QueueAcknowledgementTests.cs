using System.Text;
using TicketMail.Cli.Tests.Operator;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Helpdesk;

/// <summary>The acknowledgement goes out from the support address the ticket came in on.</summary>
[Collection(PostgresCollection.Name)]
public sealed class QueueAcknowledgementTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_ticket_opened_on_the_second_address_is_acknowledged_from_it_with_its_tag()
    {
        await using var smtp = FakeSmtpServer.Start();
        var (db, cli) = await OperatorSetUp.For(TestDatabase.Sqlite, postgres, new Dictionary<string, string?>
        {
            ["TICKETMAIL_SMTP"] = smtp.Url,
            ["TICKETMAIL_SUPPORT_ADDRESS"] = "support@example.com, billing@example.com=billing",
        });
        await using var _ = db;
        var toBilling = Encoding.UTF8.GetString(Fixture.Bytes("core/new-ticket.eml")).Replace("support@example.com", "billing@example.com", StringComparison.Ordinal);

        var created = CliJson.Single(await cli.RunAsync(Encoding.UTF8.GetBytes(toBilling), "process", "--json"));

        var mail = Assert.Single(smtp.Received);
        Assert.Equal("billing", created.Str("queue"));
        // The envelope sender is the VERP form of the queue's address (issue 11): its bounces come back to it.
        Assert.StartsWith("billing+b-", mail.From, StringComparison.Ordinal);
        Assert.EndsWith("@example.com", mail.From, StringComparison.Ordinal);
        Assert.Contains("From: billing@example.com", mail.Data, StringComparison.Ordinal);
        Assert.Contains($"billing+{created.Str("ticket")}@example.com", mail.Data, StringComparison.Ordinal);
    }
}
