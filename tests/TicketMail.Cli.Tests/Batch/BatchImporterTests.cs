using System.Text.Json;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Batch;

/// <summary>
/// The batch importer's decisions inside one group (issue 14): the facts are loaded once for the whole group,
/// so what an earlier message of the group created must count for the later ones; and one message that cannot
/// be stored fails alone (issue 15, item 5). Through the real CLI, on SQLite and PostgreSQL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BatchImporterTests(PostgresServer postgres)
{
    private const string FailSaveOf = "TICKETMAIL_TEST_FAIL_SAVE_OF";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Within_one_group_replies_join_their_tickets_in_either_order_and_a_second_copy_is_a_duplicate(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);
        using var folder = new TempFolder();
        var first = Mail.From("ann@customer.example").Header("Subject", "Printer on fire");
        var reply = ReplyTo(first, "ann@customer.example");
        var later = Mail.From("bob@customer.example").Header("Subject", "Scanner jammed");
        var early = ReplyTo(later, "bob@customer.example");
        Write(folder, "m00", first);
        Write(folder, "m01", reply);
        Write(folder, "m02", first);
        Write(folder, "m03", early);
        Write(folder, "m04", later);
        for (var i = 0; i < 20; i++)
        {
            Write(folder, $"m1{i:D2}", Mail.From($"c{i}@customer.example").Header("Subject", $"Question {i}"));
        }

        var output = await cli.RunAsync("process", "--json", folder.Path);

        var lines = Objects(output);
        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Equal(["created", "replied", "duplicate", "created", "replied"], lines.Take(5).Select(o => o.Str("action")));
        Assert.Equal(lines[0].Str("ticket"), lines[1].Str("ticket"));
        Assert.Equal(lines[0].Str("ticket"), lines[2].Str("ticket"));
        Assert.Equal(lines[3].Str("ticket"), lines[4].Str("ticket"));
        Assert.NotEqual(lines[0].Str("ticket"), lines[3].Str("ticket"));
        Assert.Contains("summary: 25 message(s): 22 created, 2 replied, 1 duplicate", output.Stderr);
        Assert.Equal(22L, await db.ScalarAsync("SELECT COUNT(*) FROM tickets"));
        Assert.Equal(24L, await db.ScalarAsync("SELECT COUNT(*) FROM messages"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_message_that_cannot_be_stored_fails_with_its_own_line_and_the_other_99_of_its_group_are_stored_exactly_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        using var folder = new TempFolder();
        var mails = Enumerable.Range(1, 100).Select(i => Mail.From($"c{i}@customer.example").Header("Subject", $"Question {i}")).ToList();
        for (var i = 0; i < mails.Count; i++)
        {
            Write(folder, $"m{i + 1:D3}", mails[i]);
        }

        // Message 57's save throws an error no provider mapping knows, every time, like a poison message.
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString, extra: new Dictionary<string, string?> { [FailSaveOf] = mails[56].MessageId });
        var output = await cli.RunAsync("process", "--batch-size", "100", "--json", folder.Path);
        var stored = (await db.ScalarAsync("SELECT COUNT(*) FROM messages"), await db.ScalarAsync("SELECT COUNT(DISTINCT dedupe_key) FROM messages"));
        var again = await cli.With(FailSaveOf, null).RunAsync("process", "--json", folder.Path);

        var lines = Objects(output);
        Assert.Equal(70, output.ExitCode);
        Assert.Equal(100, lines.Count);
        Assert.Equal("failed", lines[56].Str("action"));
        Assert.All(lines.Where((_, i) => i != 56), o => Assert.Equal("created", o.Str("action")));
        Assert.Single(output.Stderr.Split('\n'), l => l.StartsWith("ticketmail: internal error", StringComparison.Ordinal));
        Assert.Contains("summary: 100 message(s): 99 created, 0 replied, 0 duplicate, 0 ignored, 0 held, 1 failed", output.Stderr);
        Assert.Equal((99L, 99L), stored);
        var rerun = Objects(again);
        Assert.Equal("created", rerun[56].Str("action"));
        Assert.Equal(99, rerun.Count(o => o.Str("action") == "duplicate"));
        Assert.Equal(100L, await db.ScalarAsync("SELECT COUNT(*) FROM messages"));
    }

    [Fact]
    public async Task After_three_messages_in_a_row_find_the_database_down_the_rest_of_the_batch_is_deferred_at_once()
    {
        // A PostgreSQL server that is not there: nothing listens on the port.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var cli = TicketMail.TestKit.Cli.For($"Host=127.0.0.1;Port={port};Username=nobody;Database=none",
            extra: new Dictionary<string, string?> { ["TICKETMAIL_DB_TIMEOUT"] = "1" });
        using var folder = new TempFolder();
        for (var i = 0; i < 10; i++)
        {
            Write(folder, $"m{i:D2}", Mail.From($"c{i}@customer.example"));
        }

        var output = await cli.RunAsync("process", "--batch-size", "5", folder.Path);

        var errors = output.Stderr.Split('\n').Where(l => l.StartsWith("ticketmail: database unavailable", StringComparison.Ordinal)).ToList();
        Assert.Equal(75, output.ExitCode);
        Assert.Equal(10, errors.Count);
        Assert.Equal(3, errors.Count(l => !l.Contains("deferred without trying", StringComparison.Ordinal)));
        Assert.All(errors.Skip(3), l => Assert.Contains("3 messages in a row could not reach the database", l));
        Assert.Contains("summary: 10 message(s): 0 created, 0 replied, 0 duplicate, 0 ignored, 0 held, 10 failed", output.Stderr);
        var deferred = Path.Combine(cli.Environment["TICKETMAIL_SPOOL"]!, "deferred");
        Assert.Equal(10, Directory.GetFiles(deferred, "*.eml").Length);
    }

    private static Mail ReplyTo(Mail original, string from) => Mail.From(from)
        .Header("Subject", "Re: question")
        .Header("In-Reply-To", $"<{original.MessageId}>")
        .Header("References", $"<{original.MessageId}>");

    private static void Write(TempFolder folder, string name, Mail mail) => File.WriteAllBytes(folder.File($"{name}.eml"), mail.Bytes());

    private static List<JsonElement> Objects(ProcessOutput output) => GroupCommitTests.Objects(output);
}
