using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Operator;

/// <summary>tickets list/close/reopen and attachments save through the real CLI.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TicketsTests(PostgresServer postgres)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task List_json_is_one_array_newest_first_and_filters_by_status_sender_and_date(string provider)
    {
        var (db, cli) = await OperatorSetUp.For(provider, postgres);
        await using var _ = db;
        await cli.RunAsync("process", OperatorSetUp.Fixture("operator/maildir"), OperatorSetUp.Fixture("operator/archive.mbox"));

        var all = CliJson.Parse((await cli.RunAsync("tickets", "list", "--json")).Stdout).EnumerateArray().ToList();
        var eve = CliJson.Parse((await cli.RunAsync("tickets", "list", "--json", "--from", "EVE@customer.example", "--limit", "2")).Stdout).EnumerateArray().ToList();
        var recent = CliJson.Parse((await cli.RunAsync("tickets", "list", "--json", "--since", "2026-11-24T12:00:00Z")).Stdout).EnumerateArray().ToList();

        Assert.Equal(["Mbox message 3", "Mbox message 2", "Mbox message 1", "Maildir two", "Maildir one"], all.Select(t => t.Str("subject")));
        Assert.Equal(("open", 1, "eve@customer.example", "Eve"), (all[0].Str("status"), all[0].GetProperty("messageCount").GetInt32(),
            all[0].GetProperty("requester").Str("address"), all[0].GetProperty("requester").Str("name")));
        Assert.Equal("2026-11-24T13:00:00.000Z", all[0].Str("lastMessageAt"));
        Assert.Equal(["Mbox message 3", "Mbox message 2"], eve.Select(t => t.Str("subject")));
        Assert.Equal(["Mbox message 3", "Mbox message 2"], recent.Select(t => t.Str("subject")));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Close_and_reopen_change_the_status_that_list_filters_on(string provider)
    {
        var (db, cli) = await OperatorSetUp.For(provider, postgres);
        await using var _ = db;
        var ticket = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json")).Str("ticket");

        var closed = await cli.RunAsync("tickets", "close", ticket);
        var closedList = CliJson.Parse((await cli.RunAsync("tickets", "list", "--json", "--status", "closed")).Stdout).EnumerateArray().ToList();
        var reopened = await cli.RunAsync("tickets", "reopen", ticket);
        var openList = CliJson.Parse((await cli.RunAsync("tickets", "list", "--json", "--status", "open")).Stdout).EnumerateArray().ToList();

        Assert.Equal((0, $"ticket {ticket} is now closed (was open)\n"), (closed.ExitCode, closed.Stdout));
        Assert.Equal([ticket], closedList.Select(t => t.Str("uuid")));
        Assert.Equal(0, reopened.ExitCode);
        Assert.Equal([ticket], openList.Select(t => t.Str("uuid")));
    }

    [Fact]
    public async Task Closing_an_unknown_ticket_exits_65_and_a_bad_uuid_exits_64_each_with_one_line()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var unknown = await cli.RunAsync("tickets", "close", Guid.NewGuid().ToString());
        var bad = await cli.RunAsync("tickets", "reopen", "not-a-uuid");

        Assert.Equal(65, unknown.ExitCode);
        Assert.Single(OperatorSetUp.Lines(unknown.Stderr));
        Assert.Equal(64, bad.ExitCode);
        Assert.Single(OperatorSetUp.Lines(bad.Stderr));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_attachment_is_saved_inside_the_folder_under_a_safe_name_and_never_overwritten_without_force(string provider)
    {
        var (db, cli) = await OperatorSetUp.For(provider, postgres);
        await using var _ = db;
        using var folder = new TempFolder("ticketmail-out");
        var ticket = CliJson.Single(await cli.RunAsync(File.ReadAllBytes(OperatorSetUp.Fixture("operator/attachment.eml")), "process", "--json")).Str("ticket");
        var shown = CliJson.Parse((await cli.RunAsync("tickets", "show", ticket, "--json")).Stdout);
        var id = shown.GetProperty("messages")[0].GetProperty("attachments")[0].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inner = Path.Combine(folder.Path, "inner");
        Directory.CreateDirectory(inner);

        var saved = await cli.RunAsync("attachments", "save", id, "-o", inner);
        var again = await cli.RunAsync("attachments", "save", id, "-o", inner);
        var forced = await cli.RunAsync("attachments", "save", id, "-o", inner, "--force");

        Assert.Equal(0, saved.ExitCode);
        Assert.Equal("attachment content", File.ReadAllText(Path.Combine(inner, "evil.txt")).TrimEnd());
        Assert.False(File.Exists(Path.Combine(folder.Path, "evil.txt")));
        Assert.Equal(73, again.ExitCode);
        Assert.Single(OperatorSetUp.Lines(again.Stderr));
        Assert.Equal(0, forced.ExitCode);
    }

    [Fact]
    public async Task An_unknown_attachment_exits_65()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var output = await cli.RunAsync("attachments", "save", "999", "-o", Path.GetTempPath());

        Assert.Equal(65, output.ExitCode);
    }

    [Fact]
    public async Task List_with_the_database_down_exits_75_without_claiming_a_message_was_kept()
    {
        var cli = TicketMail.TestKit.Cli.For($"Host=127.0.0.1;Port={FakeSmtpServer.FreePort()};Database=down;Username=nobody;Timeout=2");

        var output = await cli.RunAsync("tickets", "list");

        Assert.Equal(75, output.ExitCode);
        Assert.StartsWith("ticketmail: database unavailable:", output.Stderr);
        Assert.Contains("start it (or fix TICKETMAIL_DB) and run the command again", output.Stderr);
        Assert.DoesNotContain("the message is kept", output.Stderr);
    }
}
