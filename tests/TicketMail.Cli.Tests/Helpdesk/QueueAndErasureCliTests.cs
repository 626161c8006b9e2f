using System.Text;
using TicketMail.Cli.Tests.Operator;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Helpdesk;

/// <summary>Queues, search and erasure through the real CLI (the store's behaviour itself is tested in Data.Tests).</summary>
[Collection(PostgresCollection.Name)]
public sealed class QueueAndErasureCliTests(PostgresServer postgres)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Queues_show_in_list_show_and_search_and_erase_removes_a_requester_with_its_quarantined_copies(string provider)
    {
        var (db, cli) = await OperatorSetUp.For(provider, postgres, new Dictionary<string, string?>
        {
            ["TICKETMAIL_SUPPORT_ADDRESS"] = "support@example.com, billing@example.com=billing",
        });
        await using var _ = db;
        using var folder = new TempFolder("ticketmail-queues");
        var original = Encoding.UTF8.GetString(Fixture.Bytes("core/new-ticket.eml"));
        File.WriteAllText(folder.File("1-ann.eml"), original);
        File.WriteAllText(folder.File("2-bob.eml"), original
            .Replace("support@example.com", "billing@example.com", StringComparison.Ordinal)
            .Replace("ann@customer.example", "bob@customer.example", StringComparison.Ordinal)
            .Replace("new-ticket-1@", "bob-1@", StringComparison.Ordinal));
        await cli.RunAsync("process", folder.Path);
        var billing = CliJson.Parse((await cli.RunAsync("tickets", "list", "--queue", "billing", "--json")).Stdout).EnumerateArray().ToList();
        var bobTicket = Assert.Single(billing).Str("uuid");
        var annTicket = CliJson.Parse((await cli.RunAsync("tickets", "list", "--queue", "support", "--json")).Stdout).EnumerateArray().Single().Str("uuid");
        // Bob writes to Ann's ticket, which does not know him: held, and kept in quarantine.
        var held = CliJson.Single(await cli.RunAsync(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Fixture.ForTicket("core/reply-tag-in-to.eml", annTicket))
            .Replace("ann@customer.example", "bob@customer.example", StringComparison.Ordinal)), "process", "--json"));
        var show = CliJson.Parse((await cli.RunAsync("tickets", "show", bobTicket, "--json")).Stdout);
        var search = CliJson.Parse((await cli.RunAsync("tickets", "search", "fire", "--queue", "billing", "--json")).Stdout).EnumerateArray().ToList();

        var erase = await cli.RunAsync("tickets", "erase", "--requester", "BOB@customer.example");
        var left = CliJson.Parse((await cli.RunAsync("tickets", "list", "--json")).Stdout).EnumerateArray().ToList();

        Assert.Equal(("billing", "billing"), (billing[0].Str("queue"), show.Str("queue")));
        Assert.Equal("held", held.Str("action"));
        var hit = Assert.Single(search);
        Assert.Equal((bobTicket, "billing", "subject: Printer on fire"), (hit.Str("ticket"), hit.Str("queue"), hit.Str("line")));
        Assert.Equal(0, erase.ExitCode);
        Assert.StartsWith("erased requester bob@customer.example: 1 ticket(s), 1 message(s), 0 attachment(s), 0 attachment content(s), 1 thread key(s), 0 outbox row(s), 0 address flag(s), 1 spool file(s)", erase.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  ticket {bobTicket}", erase.Stdout, StringComparison.Ordinal);
        Assert.Equal([annTicket], left.Select(t => t.Str("uuid")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(cli.Environment["TICKETMAIL_SPOOL"]!, "quarantine"), "*.eml"));
    }
}
