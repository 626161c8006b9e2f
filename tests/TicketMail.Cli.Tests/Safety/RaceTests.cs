using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Safety;

/// <summary>Many real CLI processes at once on one database: unique keys and retry, no locks across parsing.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RaceTests(PostgresServer postgres)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Twelve_processes_with_the_same_message_make_one_ticket_and_eleven_duplicates(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        bed.Cli = bed.Cli.ForConcurrentStart();
        var raw = Fixture.Bytes("core/new-ticket.eml");

        var outputs = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => bed.Cli.RunAsync(raw, "process", "--json")));

        Assert.All(outputs, o => Assert.True(o.ExitCode == 0, o.ToString()));
        var actions = outputs.Select(o => CliJson.Single(o).Str("action")).ToList();
        Assert.Equal(1, actions.Count(a => a == "created"));
        Assert.Equal(11, actions.Count(a => a == "duplicate"));
        Assert.Single(outputs.Select(o => CliJson.Single(o).Str("ticket")).Distinct());
        Assert.Equal((1, 1), (await bed.CountAsync("select count(*) from tickets"), await bed.CountAsync("select count(*) from messages")));
        Assert.Empty(bed.Files("incoming"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Twenty_replies_to_one_ticket_at_once_are_all_stored_in_Date_order(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        bed.Cli = bed.Cli.ForConcurrentStart();
        var ticket = await bed.CreateTicketAsync();
        var start = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        // Dates run backwards against the start order, so arrival order and Date order differ.
        var replies = Enumerable.Range(0, 20).Select(i => Mail.From("Ann Example <ann@customer.example>")
            .Header("To", $"support+{ticket}@example.com")
            .Header("Subject", $"Re: Printer on fire ({i})")
            .Header("Message-ID", $"<race-reply-{i}@customer.example>")
            .Header("Date", start.AddMinutes(20 - i).ToString("r", System.Globalization.CultureInfo.InvariantCulture))
            .Bytes()).ToList();

        var outputs = await Task.WhenAll(replies.Select(r => bed.Cli.RunAsync(r, "process", "--json")));
        var shown = CliJson.Parse((await bed.Cli.RunAsync("tickets", "show", ticket, "--json")).Stdout);

        Assert.All(outputs, o => Assert.True(o.ExitCode == 0, o.ToString()));
        Assert.All(outputs, o => Assert.Equal(("replied", ticket), (CliJson.Single(o).Str("action"), CliJson.Single(o).Str("ticket"))));
        var ids = shown.GetProperty("messages").EnumerateArray().Skip(1).Select(m => m.Str("messageId")).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Reverse().Select(i => $"race-reply-{i}@customer.example"), ids);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_new_ticket_and_its_reply_arriving_together_end_up_on_one_ticket(string provider)
    {
        for (var round = 0; round < 3; round++)
        {
            await using var bed = await SafetyBed.CreateAsync(provider, postgres);
            bed.Cli = bed.Cli.ForConcurrentStart();

            var outputs = await Task.WhenAll(
                bed.Cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json"),
                bed.Cli.RunAsync(Fixture.Bytes("core/reply-in-reply-to.eml"), "process", "--json"));

            Assert.All(outputs, o => Assert.True(o.ExitCode == 0, o.ToString()));
            Assert.Single(outputs.Select(o => CliJson.Single(o).Str("ticket")).Distinct());
            Assert.Equal((1, 2), (await bed.CountAsync("select count(*) from tickets"), await bed.CountAsync("select count(*) from messages")));
        }
    }

    [Fact]
    public async Task Twenty_SQLite_writers_at_once_all_succeed_without_a_spurious_75()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        bed.Cli = bed.Cli.ForConcurrentStart();
        var messages = Enumerable.Range(0, 20).Select(i => Mail.From($"user{i}@customer.example").Header("Subject", $"Problem {i}").Bytes()).ToList();

        var outputs = await Task.WhenAll(messages.Select(m => bed.Cli.RunAsync(m, "process")));

        Assert.All(outputs, o => Assert.True(o.ExitCode == 0, o.ToString()));
        Assert.Equal(20, await bed.CountAsync("select count(*) from tickets"));
        Assert.Empty(bed.Files("deferred"));
    }
}
