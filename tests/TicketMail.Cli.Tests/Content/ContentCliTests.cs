using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Content;

/// <summary>Real-world content through the CLI process: JSON fields, attachment storage and limits, subject fallback.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ContentCliTests(PostgresServer postgres)
{
    private async Task<(TestDatabase Db, TicketMail.TestKit.Cli Cli)> SetUp(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider, postgres);
        return (db, TicketMail.TestKit.Cli.For(db.ConnectionString));
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task Dry_run_json_prints_the_whole_message_and_writes_nothing()
    {
        var (db, cli) = await SetUp("sqlite");
        await using var _ = db;

        var output = await cli.RunAsync(Fixture.Bytes("content/apple-inline.eml"), "process", "--dry-run", "--json");

        Assert.True(output.ExitCode == 0, output.ToString());
        var json = CliJson.Single(output);
        Assert.Equal(("created", "new", true), (json.Str("action"), json.Str("rule"), json.GetProperty("dryRun").GetBoolean()));
        var message = json.GetProperty("message");
        Assert.Equal("apple-inline@customer.example", message.Str("messageId"));
        Assert.Equal(("ann@customer.example", "Ann Customer"), (message.GetProperty("from").Str("address"), message.GetProperty("from").Str("name")));
        Assert.Equal(JsonValueKind.Null, message.GetProperty("replyTo").ValueKind);
        Assert.Equal("support@example.com", message.GetProperty("to")[0].Str("address"));
        Assert.Equal(0, message.GetProperty("cc").GetArrayLength());
        Assert.Equal("Screenshot of the error", message.Str("subject"));
        Assert.StartsWith("2025-03-03T", message.Str("date"), StringComparison.Ordinal);
        Assert.Equal("Here is the error:\n\n[image: error.png]", message.Str("text"));
        Assert.Equal(message.Str("text"), message.Str("reply"));
        var image = Assert.Single(message.GetProperty("attachments").EnumerateArray());
        var sha = image.Str("sha256");
        Assert.Equal(("error.png", "image/png", true, "error-1@apple.example"),
            (image.Str("fileName"), image.Str("contentType"), image.GetProperty("inline").GetBoolean(), image.Str("contentId")));
        Assert.Contains($"attachments/{sha}", message.Str("html"), StringComparison.Ordinal);
        Assert.Equal(0, message.GetProperty("notes").GetArrayLength());
        Assert.Equal((0L, 0L), (await db.ScalarAsync("select count(*) from tickets"), await db.ScalarAsync("select count(*) from attachment_blobs")));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Attachments_are_stored_once_by_hash_and_an_oversized_one_is_left_out_with_a_note(string provider)
    {
        var (db, cli) = await SetUp(provider);
        await using var _ = db;
        cli = cli.With("TICKETMAIL_MAX_ATTACHMENT_BYTES", "1024");

        var first = await cli.RunAsync(Fixture.Bytes("content/oversized.eml"), "process", "--json");
        var again = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Fixture.Bytes("content/oversized.eml")).Replace("<oversized@", "<oversized-2@", StringComparison.Ordinal));
        var second = await cli.RunAsync(again, "process", "--json");

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        var message = CliJson.Single(first).GetProperty("message");
        var attachments = message.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(("big.log", 2048L, Sha(string.Concat(Enumerable.Repeat("0123456789abcdef", 128)))),
            (attachments[0].Str("fileName"), attachments[0].GetProperty("size").GetInt64(), attachments[0].Str("sha256")));
        Assert.Equal(("small.txt", Sha("small")), (attachments[1].Str("fileName"), attachments[1].Str("sha256")));
        var note = Assert.Single(message.GetProperty("notes").EnumerateArray()).GetString()!;
        Assert.Contains("big.log", note, StringComparison.Ordinal);
        Assert.Contains("2048 bytes", note, StringComparison.Ordinal);

        var blobs = await db.ScalarAsync("select count(*) from attachment_blobs");
        var rows = await db.ScalarAsync("select count(*) from attachments");
        var omitted = await db.ScalarAsync("select count(*) from attachments where omitted");
        Assert.Equal((1L, 4L, 2L), (blobs, rows, omitted));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_reply_with_only_the_subject_token_joins_its_ticket_by_rule_subject(string provider)
    {
        var (db, cli) = await SetUp(provider);
        await using var _ = db;
        var created = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json"));
        var ticket = created.Str("ticket");

        var reply = CliJson.Single(await cli.RunAsync(Fixture.ForTicket("content/subject-token.eml", ticket), "process", "--json"));

        Assert.Equal(("replied", ticket, "subject"), (reply.Str("action"), reply.Str("ticket"), reply.Str("rule")));
    }
}
