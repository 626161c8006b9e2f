using System.Security.Cryptography;
using System.Text;
using TicketMail.Cli.Tests.Operator;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Helpdesk;

/// <summary>tickets export: the raw bytes go out and come back in exactly; a re-import is all duplicates.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ExportTests(PostgresServer postgres)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_mbox_export_imported_into_an_empty_database_gives_identical_raw_bytes_and_counts(string provider)
    {
        var (db, cli) = await OperatorSetUp.For(provider, postgres);
        await using var _ = db;
        using var folder = new TempFolder("ticketmail-export");
        // A body line that starts with "From " (quoted in the mbox), CRLF line ends, and no final newline.
        File.WriteAllBytes(folder.File("crlf.eml"), Encoding.ASCII.GetBytes(
            "From: Zed <zed@customer.example>\r\nTo: support@example.com\r\nSubject: CRLF\r\nMessage-ID: <crlf-1@customer.example>\r\n\r\nFrom here on\r\n>From quoted\r\nno final newline"));
        File.Copy(OperatorSetUp.Fixture("core/new-ticket.eml"), folder.File("a-new.eml"));
        File.Copy(OperatorSetUp.Fixture("core/reply-in-reply-to.eml"), folder.File("b-reply.eml"));
        await cli.RunAsync("process", folder.File("a-new.eml"), folder.File("b-reply.eml"), folder.File("crlf.eml"), OperatorSetUp.Fixture("operator/archive.mbox"));

        var exported = await cli.RunAsync("tickets", "export", "--all", "-o", folder.File("all.mbox"));
        await using var fresh = await TestDatabase.CreateAsync(provider, postgres);
        var freshCli = TicketMail.TestKit.Cli.For(fresh.ConnectionString);
        var imported = await freshCli.RunAsync("process", folder.File("all.mbox"));
        var again = await freshCli.RunAsync("process", folder.File("all.mbox"));

        Assert.Equal(0, exported.ExitCode);
        Assert.Contains("exported 6 message(s) of 5 ticket(s)", exported.Stdout, StringComparison.Ordinal);
        Assert.Contains("summary: 6 message(s): 5 created, 1 replied, 0 duplicate", imported.Stderr, StringComparison.Ordinal);
        Assert.Contains("summary: 6 message(s): 0 created, 0 replied, 6 duplicate", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(await RawHashesAsync(db), await RawHashesAsync(fresh));
        Assert.Equal(await db.ScalarAsync("SELECT COUNT(*) FROM tickets"), await fresh.ScalarAsync("SELECT COUNT(*) FROM tickets"));
        Assert.Contains(">From quoted", File.ReadAllText(folder.File("all.mbox")), StringComparison.Ordinal);
        Assert.Contains(">>From quoted", File.ReadAllText(folder.File("all.mbox")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_eml_export_of_one_ticket_writes_each_message_s_bytes_unchanged_and_refuses_an_unknown_ticket()
    {
        var (db, cli) = await OperatorSetUp.For(TestDatabase.Sqlite, postgres);
        await using var _ = db;
        using var folder = new TempFolder("ticketmail-export");
        var ticket = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json")).Str("ticket");
        await cli.RunAsync(Fixture.Bytes("core/reply-in-reply-to.eml"), "process");

        var exported = await cli.RunAsync("tickets", "export", ticket, "--format", "eml", "-o", folder.File("out"));
        var unknown = await cli.RunAsync("tickets", "export", Guid.NewGuid().ToString(), "-o", folder.File("x.mbox"));

        Assert.Equal(0, exported.ExitCode);
        Assert.Equal(Fixture.Bytes("core/new-ticket.eml"), File.ReadAllBytes(Path.Combine(folder.File("out"), "000001.eml")));
        Assert.Equal(Fixture.Bytes("core/reply-in-reply-to.eml"), File.ReadAllBytes(Path.Combine(folder.File("out"), "000002.eml")));
        Assert.Equal(65, unknown.ExitCode);
        Assert.Single(OperatorSetUp.Lines(unknown.Stderr));
    }

    /// <summary>SHA-256 of every stored raw message, in the order they were stored.</summary>
    private static async Task<List<string>> RawHashesAsync(TestDatabase db)
    {
        await using var connection = await db.ConnectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT content FROM message_raw ORDER BY stored_message_id";
        var hashes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            hashes.Add(Convert.ToHexStringLower(SHA256.HashData((byte[])reader[0])));
        }

        return hashes;
    }
}
