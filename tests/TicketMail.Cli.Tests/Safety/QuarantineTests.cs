using System.Text.Json;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Safety;

/// <summary>Automatic mail, forged replies and bad input are kept aside in quarantine, never lost, and can be released.</summary>
[Collection(PostgresCollection.Name)]
public sealed class QuarantineTests(PostgresServer postgres)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_out_of_office_reply_opens_no_ticket_and_is_quarantined_until_released(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);

        var output = await bed.Cli.RunAsync(Fixture.Bytes("safety/auto-reply-ooo.eml"), "process", "--json");
        var result = CliJson.Single(output);
        var listed = JsonDocument.Parse((await bed.Cli.RunAsync("quarantine", "list", "--json")).Stdout).RootElement;
        var ticketsBefore = await bed.CountAsync("select count(*) from tickets");
        var released = CliJson.Single(await bed.Cli.RunAsync("quarantine", "release", result.Str("quarantine"), "--json"));

        Assert.Equal(0, output.ExitCode);
        Assert.Equal(("ignored", "auto-replied", "auto-replied"), (result.Str("action"), result.Str("reason"), result.GetProperty("message").Str("automatic")));
        var kept = Assert.Single(listed.EnumerateArray());
        Assert.Equal((result.Str("quarantine"), "auto-replied", "ignored"), (kept.Str("id"), kept.Str("reason"), kept.Str("action")));
        Assert.Equal(0, ticketsBefore);
        Assert.Equal("created", released.Str("action"));
        Assert.Empty(bed.Files("quarantine"));
        Assert.Equal(1, await bed.CountAsync("select count(*) from tickets"));
    }

    [Theory]
    [InlineData("safety/list-mail.eml", "list")]
    [InlineData("safety/read-receipt.eml", "auto-generated")]
    [InlineData("safety/own-loop-header.eml", "loop")]
    [InlineData("safety/bounce-message-rfc822.eml", "bounce")]
    public async Task Automatic_mail_is_ignored_with_its_reason(string fixture, string reason)
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);

        var result = CliJson.Single(await bed.Cli.RunAsync(Fixture.Bytes(fixture), "process", "--json"));

        Assert.Equal(("ignored", reason), (result.Str("action"), result.Str("reason")));
        Assert.Equal(result.Str("quarantine"), Assert.Single(bed.Files("quarantine")));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_auto_reply_on_a_ticket_is_appended_with_its_flag(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        var ticket = await bed.CreateTicketAsync();

        var result = CliJson.Single(await bed.Cli.RunAsync(Fixture.Bytes("safety/auto-reply-to-ticket.eml"), "process", "--json"));
        var shown = CliJson.Parse((await bed.Cli.RunAsync("tickets", "show", ticket, "--json")).Stdout);

        Assert.Equal(("replied", ticket), (result.Str("action"), result.Str("ticket")));
        Assert.Equal("auto-replied", shown.GetProperty("messages")[1].Str("automatic"));
        Assert.Equal("open", shown.Str("status"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_report_about_a_customer_message_rather_than_ours_is_quarantined_and_flags_nothing(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        await bed.CreateTicketAsync();

        var result = CliJson.Single(await bed.Cli.RunAsync(Fixture.Bytes("safety/bounce-rfc822-headers.eml"), "process", "--json"));

        // Issue 15: anyone can forge a report about a message they have seen; only ours prove it (see VerpBounceTests).
        Assert.Equal(("ignored", "bounce"), (result.Str("action"), result.GetProperty("message").Str("automatic")));
        Assert.Equal(0, await bed.CountAsync("select count(*) from address_flags"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_reply_from_a_stranger_is_held_and_release_appends_it(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        var ticket = await bed.CreateTicketAsync();

        var output = await bed.Cli.RunAsync(Fixture.ForTicket("safety/stranger-reply.eml", ticket), "process", "--json");
        var held = CliJson.Single(output);
        var messagesWhileHeld = await bed.CountAsync("select count(*) from messages");
        var released = CliJson.Single(await bed.Cli.RunAsync("quarantine", "release", held.Str("quarantine"), "--json"));

        Assert.Equal(0, output.ExitCode);
        Assert.Equal(("held", "unknown-sender", ticket), (held.Str("action"), held.Str("reason"), held.Str("ticket")));
        Assert.Equal(1, messagesWhileHeld);
        Assert.Equal(("replied", ticket), (released.Str("action"), released.Str("ticket")));
        Assert.Equal(2, await bed.CountAsync("select count(*) from messages"));
        Assert.Empty(bed.Files("quarantine"));
    }

    [Fact]
    public async Task With_the_reject_policy_a_stranger_reply_exits_77_and_is_still_kept()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        var ticket = await bed.CreateTicketAsync();

        var output = await bed.Cli.With("TICKETMAIL_UNKNOWN_REPLIER", "reject")
            .RunAsync(Fixture.ForTicket("safety/stranger-reply.eml", ticket), "process", "--json");

        Assert.Equal(77, output.ExitCode);
        Assert.Equal(("rejected", "unknown-sender"), (CliJson.Single(output).Str("action"), CliJson.Single(output).Str("reason")));
        Assert.Single(output.Stderr.Split('\n'), l => l.StartsWith("ticketmail: rejected", StringComparison.Ordinal));
        Assert.Single(bed.Files("quarantine"));
    }

    [Fact]
    public async Task Mail_our_MTA_marks_dmarc_fail_is_held_as_spoofed()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);

        var result = CliJson.Single(await bed.Cli.With("TICKETMAIL_AUTHSERV_ID", "mx.example.com")
            .RunAsync(Fixture.Bytes("safety/spoofed-dmarc-fail.eml"), "process", "--json"));

        Assert.Equal(("held", "spoofed"), (result.Str("action"), result.Str("reason")));
        Assert.Single(bed.Files("quarantine"));
    }

    [Fact]
    public async Task More_new_tickets_than_the_hourly_limit_from_one_sender_are_quarantined_as_a_loop()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = bed.Cli.With("TICKETMAIL_MAX_TICKETS_PER_HOUR", "2");

        var actions = new List<string>();
        var stderr = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var output = await cli.RunAsync(Mail.From("loopy@customer.example").Header("Subject", $"Ticket {i}").Bytes(), "process", "--json");
            actions.Add(CliJson.Single(output).Str("action") + "/" + (CliJson.Single(output).GetProperty("reason").GetString() ?? "-"));
            stderr.Add(output.Stderr);
        }

        Assert.Equal(["created/-", "created/-", "ignored/loop", "ignored/loop"], actions);
        Assert.Equal(2, bed.Files("quarantine").Count);
        Assert.Contains("Mail loop suspected", stderr[2], StringComparison.Ordinal);
        Assert.DoesNotContain("Mail loop suspected", stderr[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quarantine_show_and_delete_work_by_id()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        var id = CliJson.Single(await bed.Cli.RunAsync(Fixture.Bytes("safety/list-mail.eml"), "process", "--json")).Str("quarantine");

        var shown = await bed.Cli.RunAsync("quarantine", "show", id);
        var deleted = await bed.Cli.RunAsync("quarantine", "delete", id);
        var gone = await bed.Cli.RunAsync("quarantine", "show", id);

        Assert.Contains("reason:     list", shown.Stdout, StringComparison.Ordinal);
        Assert.Equal((0, $"deleted {id}\n"), (deleted.ExitCode, deleted.Stdout));
        Assert.Equal(66, gone.ExitCode);
        Assert.Empty(bed.Files("quarantine"));
    }

    [Fact]
    public async Task A_message_over_the_size_limit_exits_65_and_is_quarantined_whole()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        var big = Mail.From("ann@customer.example").Body(new string('x', 200_000)).Bytes();

        var output = await bed.Cli.With("TICKETMAIL_MAX_MESSAGE_BYTES", "100000").RunAsync(big, "process");
        var id = Assert.Single(bed.Files("quarantine"));
        var shown = CliJson.Parse((await bed.Cli.RunAsync("quarantine", "show", id, "--json")).Stdout);

        Assert.Equal(65, output.ExitCode);
        Assert.Single(output.Stderr.Split('\n'), l => l.StartsWith("ticketmail: not a usable message", StringComparison.Ordinal));
        Assert.Equal(("oversized", (long)big.Length), (shown.Str("reason"), shown.GetProperty("size").GetInt64()));
    }

    [Fact]
    public async Task Unusable_input_is_quarantined_with_the_reason_unusable()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);

        var output = await bed.Cli.RunAsync(Fixture.Bytes("core/no-sender.eml"), "process");
        var id = Assert.Single(bed.Files("quarantine"));
        var shown = CliJson.Parse((await bed.Cli.RunAsync("quarantine", "show", id, "--json")).Stdout);

        Assert.Equal(65, output.ExitCode);
        Assert.Equal("unusable", shown.Str("reason"));
    }
}
