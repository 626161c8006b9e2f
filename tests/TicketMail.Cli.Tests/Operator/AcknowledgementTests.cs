using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Operator;

/// <summary>Acknowledgements: written to the outbox with the ticket, sent with MailKit to a fake SMTP server on 127.0.0.1.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AcknowledgementTests(PostgresServer postgres)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_new_ticket_sends_one_acknowledgement_with_the_reply_address_and_robot_headers(string provider)
    {
        await using var smtp = FakeSmtpServer.Start();
        var (db, cli) = await OperatorSetUp.For(provider, postgres, new Dictionary<string, string?> { ["TICKETMAIL_SMTP"] = smtp.Url, ["MAIL_FROM_NAME"] = "Example Support" });
        await using var _ = db;

        var ticket = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json")).Str("ticket");
        var again = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json"));
        var outbox = CliJson.Parse((await cli.RunAsync("outbox", "list", "--json")).Stdout).EnumerateArray().ToList();

        var mail = Assert.Single(smtp.Received);
        Assert.Equal(["ann@customer.example"], mail.To);
        Assert.Contains("From: Example Support <support@example.com>", mail.Data);
        // Parsed, because MimeKit folds the long Reply-To and Subject headers.
        using var parsed = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));
        Assert.Equal($"\"Example Support\" <support+{ticket}@example.com>", parsed.ReplyTo.ToString());
        Assert.Equal($"[#{ticket}] Printer on fire", parsed.Subject);
        Assert.Contains("In-Reply-To: <new-ticket-1@customer.example>", mail.Data);
        Assert.Contains("References: <new-ticket-1@customer.example>", mail.Data);
        Assert.Contains("Auto-Submitted: auto-replied", mail.Data);
        Assert.Contains("X-Auto-Response-Suppress: All", mail.Data);
        Assert.Contains("Precedence: bulk", mail.Data);
        Assert.Contains("X-TicketMail-Loop: support@example.com", mail.Data);
        Assert.Contains($"replies to support+{ticket}@example.com join the ticket", Assert.IsType<MimeKit.TextPart>(parsed.Body).Text);
        Assert.Equal("duplicate", again.Str("action"));
        var row = Assert.Single(outbox);
        Assert.Equal(("sent", ticket, "ack", 1), (row.Str("status"), row.Str("ticket"), row.Str("kind"), row.GetProperty("attempts").GetInt32()));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_reply_to_the_acknowledgement_threads_back_to_its_ticket(string provider)
    {
        await using var smtp = FakeSmtpServer.Start();
        var (db, cli) = await OperatorSetUp.For(provider, postgres, new Dictionary<string, string?> { ["TICKETMAIL_SMTP"] = smtp.Url });
        await using var _ = db;
        var ticket = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json")).Str("ticket");
        var ackId = CliJson.Parse((await cli.RunAsync("outbox", "list", "--json")).Stdout)[0].Str("messageId");
        var answer = Mail.From("ann@customer.example").Header("Subject", "Re: thanks").Header("In-Reply-To", $"<{ackId}>");

        var reply = CliJson.Single(await cli.RunAsync(answer.Bytes(), "process", "--json"));

        Assert.Equal(("replied", ticket, "in-reply-to"), (reply.Str("action"), reply.Str("ticket"), reply.Str("rule")));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task When_SMTP_is_down_the_ticket_succeeds_the_mail_stays_pending_and_flush_sends_it_later(string provider)
    {
        var port = FakeSmtpServer.FreePort();
        var (db, cli) = await OperatorSetUp.For(provider, postgres, new Dictionary<string, string?> { ["TICKETMAIL_SMTP"] = $"smtp://127.0.0.1:{port}" });
        await using var _ = db;

        var created = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json");
        var pending = CliJson.Parse((await cli.RunAsync("outbox", "list", "--json")).Stdout)[0];
        var failedFlush = await cli.RunAsync("outbox", "flush");
        await using var smtp = FakeSmtpServer.Start(port);
        var flushed = await cli.RunAsync("outbox", "flush");
        var sent = CliJson.Parse((await cli.RunAsync("outbox", "list", "--json")).Stdout)[0];

        Assert.Equal(("created", 0), (CliJson.Single(created).Str("action"), created.ExitCode));
        Assert.Equal(("pending", 1), (pending.Str("status"), pending.GetProperty("attempts").GetInt32()));
        Assert.False(string.IsNullOrEmpty(pending.Str("lastError")));
        Assert.Equal(75, failedFlush.ExitCode);
        Assert.Equal(0, flushed.ExitCode);
        Assert.Contains("sent 1 of 1 pending mail(s)", flushed.Stdout);
        Assert.Equal(("sent", 3), (sent.Str("status"), sent.GetProperty("attempts").GetInt32()));
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task A_sender_past_the_daily_limit_gets_no_more_acknowledgements()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString, extra: new Dictionary<string, string?>
        {
            ["TICKETMAIL_SMTP"] = smtp.Url,
            ["TICKETMAIL_ACK_DAILY_LIMIT"] = "2",
        });

        for (var i = 0; i < 3; i++)
        {
            var output = await cli.RunAsync(Mail.From("fred@customer.example").Header("Subject", $"Question {i}").Bytes(), "process");
            Assert.Equal(0, output.ExitCode);
        }

        Assert.Equal(2, smtp.Received.Count);
    }

    [Fact]
    public async Task The_body_comes_from_the_template_file_with_placeholders_filled()
    {
        await using var smtp = FakeSmtpServer.Start();
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        using var folder = new TempFolder("ticketmail-template");
        File.WriteAllText(folder.File("ack.txt"), "Dear {{name}}, ticket {{ticket}} about {{subject}}; write to {{reply_address}}.");
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString, extra: new Dictionary<string, string?>
        {
            ["TICKETMAIL_SMTP"] = smtp.Url,
            ["TICKETMAIL_ACK_TEMPLATE"] = folder.File("ack.txt"),
        });

        var ticket = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json")).Str("ticket");

        var mail = Assert.Single(smtp.Received);
        Assert.Contains($"Dear Ann Example, ticket {ticket} about Printer on fire; write to support+{ticket}@example.com.", mail.Data.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outbox_flush_with_nothing_to_send_with_is_a_setup_error_unless_the_timer_asks_if_configured()
    {
        var (db, cli) = await OperatorSetUp.For(TestDatabase.Sqlite, postgres);
        await using var _ = db;

        var plain = await cli.RunAsync("outbox", "flush");
        var timer = await cli.RunAsync("outbox", "flush", "--if-configured");

        Assert.Equal(78, plain.ExitCode);
        Assert.Contains("nothing to send with: set TICKETMAIL_SMTP", plain.Stderr);
        Assert.Equal(0, timer.ExitCode);
        Assert.Contains("nothing to send with (TICKETMAIL_SMTP and TICKETMAIL_WEBHOOK are not set)", timer.Stdout);
    }
}
