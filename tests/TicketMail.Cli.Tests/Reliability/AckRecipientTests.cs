using TicketMail.Cli.Tests.Operator;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Reliability;

/// <summary>The acknowledgement goes to Reply-To only in From's domain or when our MTA says DMARC passed; else to From.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AckRecipientTests(PostgresServer postgres)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_foreign_Reply_To_gets_no_acknowledgement_unless_DMARC_passed(string provider)
    {
        await using var smtp = FakeSmtpServer.Start();
        var (db, cli) = await OperatorSetUp.For(provider, postgres, new Dictionary<string, string?>
        {
            ["TICKETMAIL_SMTP"] = smtp.Url,
            ["TICKETMAIL_AUTHSERV_ID"] = "mx.example.com",
        });
        await using var _ = db;
        var forged = Mail.From("ann@customer.example").Header("Reply-To", "victim@elsewhere.example").Header("Subject", "one");
        // A comment before the authserv-id (RFC 8601 allows CFWS there) must not hide it.
        var proven = Mail.From("bob@customer.example").Header("Reply-To", "bob@elsewhere.example").Header("Subject", "two")
            .Header("Authentication-Results", "(our MX) mx.example.com; spf=pass smtp.mailfrom=customer.example; dmarc=pass header.from=customer.example");

        Assert.Equal(0, (await cli.RunAsync(forged.Bytes(), "process")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync(proven.Bytes(), "process")).ExitCode);

        var to = smtp.Received.Select(m => Assert.Single(m.To)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["ann@customer.example", "bob@elsewhere.example"], to);
    }
}
