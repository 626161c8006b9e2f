using TicketMail.Cli.Tests.Safety;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Automatic;

/// <summary>
/// End to end with the fake SMTP server: the acknowledgement goes out with a VERP envelope sender, a plain
/// bounce to that address lands on its ticket (flagged, the ticket stays closed) and marks the address; a
/// complaint about our mail stops further acknowledgements; a forged report links nowhere.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class VerpBounceTests(PostgresServer postgres)
{
    private static byte[] PlainBounce(string verp) => Mail.From("MAILER-DAEMON <>")
        .Header("To", verp)
        .Header("Subject", "Undelivered Mail Returned to Sender")
        .Body("""
            This is the mail system at host mx.customer.example.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            <ann@customer.example>: host mx.customer.example said: 550 5.1.1 User unknown
            """)
        .Bytes();

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_bounce_to_the_VERP_address_of_an_acknowledgement_lands_on_its_closed_ticket_without_reopening_it(string provider)
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var bed = await SafetyBed.CreateAsync(provider, postgres, new Dictionary<string, string?> { ["TICKETMAIL_SMTP"] = smtp.Url });
        var ticket = await bed.CreateTicketAsync();
        var ack = Assert.Single(smtp.Received);
        await bed.Cli.RunAsync("tickets", "close", ticket);

        Assert.Matches("^support\\+b-[0-9a-f]{24}@example.com$", ack.From);
        var result = CliJson.Single(await bed.Cli.RunAsync(PlainBounce(ack.From), "process", "--json", "--explain", "--recipient", ack.From));
        var shown = CliJson.Parse((await bed.Cli.RunAsync("tickets", "show", ticket, "--json")).Stdout);

        Assert.Equal(("replied", ticket, "verp", "bounce"), (result.Str("action"), result.Str("ticket"), result.Str("rule"), result.GetProperty("message").Str("automatic")));
        Assert.Contains(result.GetProperty("trace").EnumerateArray(), t => t.GetString()!.StartsWith($"verp: recipient {ack.From} names our message", StringComparison.Ordinal));
        Assert.Equal(("closed", "bounce"), (shown.Str("status"), shown.GetProperty("messages")[1].Str("automatic")));
        Assert.Equal(1, await bed.CountAsync("select count(*) from address_flags where address = 'ann@customer.example' and flag = 'bounced'"));
    }

    [Fact]
    public async Task A_bounce_of_an_acknowledgement_sent_from_the_second_support_address_lands_on_its_ticket()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres, new Dictionary<string, string?>
        {
            ["TICKETMAIL_SMTP"] = smtp.Url,
            ["TICKETMAIL_SUPPORT_ADDRESS"] = "support@example.com, billing@example.com=billing",
        });
        var toBilling = System.Text.Encoding.UTF8.GetString(Fixture.Bytes("core/new-ticket.eml")).Replace("support@example.com", "billing@example.com", StringComparison.Ordinal);
        var ticket = CliJson.Single(await bed.Cli.RunAsync(System.Text.Encoding.UTF8.GetBytes(toBilling), "process", "--json")).Str("ticket");
        var ack = Assert.Single(smtp.Received);
        await bed.Cli.RunAsync("tickets", "close", ticket);

        Assert.Matches("^billing\\+b-[0-9a-f]{24}@example.com$", ack.From);
        var result = CliJson.Single(await bed.Cli.RunAsync(PlainBounce(ack.From), "process", "--json", "--recipient", ack.From));
        var shown = CliJson.Parse((await bed.Cli.RunAsync("tickets", "show", ticket, "--json")).Stdout);

        Assert.Equal(("replied", ticket, "verp", "bounce"), (result.Str("action"), result.Str("ticket"), result.Str("rule"), result.GetProperty("message").Str("automatic")));
        Assert.Equal(("closed", "bounce"), (shown.Str("status"), shown.GetProperty("messages")[1].Str("automatic")));
        Assert.Equal(1, await bed.CountAsync("select count(*) from address_flags where address = 'ann@customer.example' and flag = 'bounced'"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_complaint_about_our_acknowledgement_stops_further_acknowledgements_to_that_address(string provider)
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var bed = await SafetyBed.CreateAsync(provider, postgres, new Dictionary<string, string?> { ["TICKETMAIL_SMTP"] = smtp.Url });
        var ticket = await bed.CreateTicketAsync();
        var ackId = CliJson.Parse((await bed.Cli.RunAsync("outbox", "list", "--json")).Stdout)[0].Str("messageId");
        var complaint = Mail.From("Feedback Loop <fbl@isp.example>")
            .Header("Subject", "Abuse report")
            .Header("MIME-Version", "1.0")
            .Header("Content-Type", "multipart/report; report-type=feedback-report; boundary=\"B\"")
            .Body($"--B\r\nContent-Type: text/plain\r\n\r\nAn abuse report.\r\n--B\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nVersion: 1\r\n\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: support@example.com\r\nTo: ann@customer.example\r\nMessage-ID: <{ackId}>\r\n\r\n--B--\r\n");

        var linked = CliJson.Single(await bed.Cli.RunAsync(complaint.Bytes(), "process", "--json"));
        var second = await bed.Cli.RunAsync(Mail.From("ann@customer.example").Header("Subject", "Another question").Bytes(), "process", "--json");

        Assert.Equal(("replied", ticket, "feedback"), (linked.Str("action"), linked.Str("ticket"), linked.GetProperty("message").Str("automatic")));
        Assert.Equal("created", CliJson.Single(second).Str("action"));
        Assert.Single(smtp.Received);
        Assert.Equal(1, await bed.CountAsync("select count(*) from address_flags where address = 'ann@customer.example' and flag = 'complained'"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_forged_report_from_a_stranger_links_nowhere_flags_nothing_and_makes_no_participant(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        var ticket = await bed.CreateTicketAsync();
        var forged = Mail.From("mallory@evil.example")
            .Header("To", $"support+{ticket}@example.com")
            .Header("Subject", "Delivery report")
            .Header("MIME-Version", "1.0")
            .Header("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"B\"")
            .Body("--B\r\nContent-Type: text/plain\r\n\r\nFailed.\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; evil.example\r\n\r\nFinal-Recipient: rfc822; ann@customer.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <new-ticket-1@customer.example>\r\n\r\n--B--\r\n");
        var followUp = Mail.From("mallory@evil.example").Header("To", $"support+{ticket}@example.com").Header("Subject", "Now let me in");

        var report = CliJson.Single(await bed.Cli.RunAsync(forged.Bytes(), "process", "--json"));
        var next = CliJson.Single(await bed.Cli.RunAsync(followUp.Bytes(), "process", "--json"));
        var claim = CliJson.Single(await bed.Cli.RunAsync(Fixture.ForTicket("safety/from-support-tag.eml", ticket), "process", "--json"));

        Assert.Equal(("ignored", "bounce"), (report.Str("action"), report.Str("reason")));
        Assert.Equal(0, await bed.CountAsync("select count(*) from address_flags"));
        Assert.Equal(("held", "unknown-sender"), (next.Str("action"), next.Str("reason")));
        Assert.Equal(("held", "forged-sender"), (claim.Str("action"), claim.Str("reason")));
        Assert.Equal(1, await bed.CountAsync("select count(*) from messages"));
    }
}
