using System.Text.Json;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Batch;

/// <summary>
/// Group commit in batches (issue 6/7): many messages per transaction, yet every message stored exactly once,
/// also when a group fails halfway and is replayed, on SQLite and PostgreSQL through the real CLI.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GroupCommitTests(PostgresServer postgres)
{
    private const string FailGroupAt = "TICKETMAIL_TEST_FAIL_GROUP_AT";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_batch_bigger_than_one_group_stores_every_message_once_and_a_rerun_finds_only_duplicates(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);
        using var folder = new TempFolder();
        Write(folder, 25, i => Mail.From($"c{i}@customer.example").Header("Subject", $"Question {i}"));

        var first = await cli.RunAsync("process", "--batch-size", "10", "--json", folder.Path);
        var again = await cli.RunAsync("process", "--batch-size", "10", "--json", folder.Path);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(Enumerable.Repeat("created", 25), Actions(first));
        Assert.Contains("summary: 25 message(s): 25 created, 0 replied, 0 duplicate", first.Stderr);
        Assert.Equal(Enumerable.Repeat("duplicate", 25), Actions(again));
        Assert.Equal(25, await TicketCountAsync(cli));
        Assert.Empty(SpoolFiles(cli));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_new_message_and_its_reply_in_the_same_group_end_on_one_ticket(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);
        using var folder = new TempFolder();
        var original = Mail.From("ann@customer.example").Header("Subject", "Printer on fire");
        var reply = Mail.From("ann@customer.example").Header("Subject", "Re: Printer on fire")
            .Header("In-Reply-To", $"<{original.MessageId}>").Header("References", $"<{original.MessageId}>");
        File.WriteAllBytes(folder.File("a-original.eml"), original.Bytes());
        File.WriteAllBytes(folder.File("b-reply.eml"), reply.Bytes());

        var output = await cli.RunAsync("process", "--json", folder.Path);

        var lines = Objects(output);
        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Equal(["created", "replied"], lines.Select(o => o.Str("action")));
        Assert.Equal(lines[0].Str("ticket"), lines[1].Str("ticket"));
        Assert.Equal(1, await TicketCountAsync(cli));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_same_message_twice_in_one_group_is_created_once_and_then_a_duplicate(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);
        using var folder = new TempFolder();
        var mail = Mail.From("bob@customer.example").Bytes();
        File.WriteAllBytes(folder.File("a.eml"), mail);
        File.WriteAllBytes(folder.File("b.eml"), mail);

        var output = await cli.RunAsync("process", "--json", folder.Path);

        var lines = Objects(output);
        Assert.Equal(["created", "duplicate"], lines.Select(o => o.Str("action")));
        Assert.Equal(lines[0].Str("ticket"), lines[1].Str("ticket"));
        Assert.Contains("summary: 2 message(s): 1 created, 0 replied, 1 duplicate", output.Stderr);
        Assert.Empty(SpoolFiles(cli));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_group_that_fails_halfway_is_rolled_back_and_replayed_so_every_message_is_stored_exactly_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        // The third save of every group throws a conflict, as if another process had stored a key first.
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString, extra: new Dictionary<string, string?> { [FailGroupAt] = "3" });
        using var folder = new TempFolder();
        var original = Mail.From("ann@customer.example").Header("Subject", "Printer on fire");
        var reply = Mail.From("ann@customer.example").Header("Subject", "Re: Printer on fire")
            .Header("In-Reply-To", $"<{original.MessageId}>");
        var twice = Mail.From("bob@customer.example").Bytes();
        File.WriteAllBytes(folder.File("m00-original.eml"), original.Bytes());
        File.WriteAllBytes(folder.File("m01-twice.eml"), twice);
        File.WriteAllBytes(folder.File("m02-reply.eml"), reply.Bytes());
        File.WriteAllBytes(folder.File("m03-twice-again.eml"), twice);
        Write(folder, 8, i => Mail.From($"c{i}@customer.example").Header("Subject", $"Question {i}"), prefix: "m1");

        var output = await cli.RunAsync("process", "--batch-size", "5", "--json", folder.Path);
        var again = await cli.With(FailGroupAt, null).RunAsync("process", "--batch-size", "5", "--json", folder.Path);

        var lines = Objects(output);
        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Contains("replaying them one by one", output.Stderr);
        Assert.Equal(["created", "created", "replied", "duplicate"], lines.Take(4).Select(o => o.Str("action")));
        Assert.Equal(lines[0].Str("ticket"), lines[2].Str("ticket"));
        Assert.Equal(lines[1].Str("ticket"), lines[3].Str("ticket"));
        Assert.Contains("summary: 12 message(s): 10 created, 1 replied, 1 duplicate, 0 ignored, 0 held, 0 failed", output.Stderr);
        Assert.Equal(10, await TicketCountAsync(cli));
        Assert.Equal(11, await MessageCountAsync(cli));
        Assert.Empty(SpoolFiles(cli));
        Assert.Equal(Enumerable.Repeat("duplicate", 12), Actions(again));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Batch_size_one_commits_each_message_alone_with_the_same_outcome(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);
        using var folder = new TempFolder();
        Write(folder, 3, i => Mail.From($"c{i}@customer.example"));

        var output = await cli.RunAsync("process", "--batch-size", "1", folder.Path);
        var wrong = await cli.RunAsync("process", "--batch-size", "0", folder.Path);

        Assert.Contains("summary: 3 message(s): 3 created", output.Stderr);
        Assert.Equal(64, wrong.ExitCode);
        Assert.Contains("--batch-size", wrong.Stderr);
    }

    private static void Write(TempFolder folder, int count, Func<int, Mail> make, string prefix = "m")
    {
        for (var i = 0; i < count; i++)
        {
            File.WriteAllBytes(folder.File($"{prefix}{i:D3}.eml"), make(i).Bytes());
        }
    }

    internal static List<JsonElement> Objects(ProcessOutput output) =>
        output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Message_files_are_read_in_place_and_only_a_message_kept_aside_is_copied_into_the_spool(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);
        using var folder = new TempFolder();
        var question = Mail.From("ann@customer.example").Header("Subject", "Printer on fire").Bytes();
        var autoReply = Fixture.Bytes("safety/auto-reply-ooo.eml");
        File.WriteAllBytes(folder.File("a-question.eml"), question);
        File.WriteAllBytes(folder.File("b-out-of-office.eml"), autoReply);

        var output = await cli.RunAsync("process", "--json", folder.Path);

        var lines = Objects(output);
        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Equal(["created", "ignored"], lines.Select(o => o.Str("action")));
        var kept = Assert.Single(SpoolFiles(cli));
        Assert.Equal("quarantine", Path.GetFileName(Path.GetDirectoryName(kept)));
        Assert.Equal(autoReply, File.ReadAllBytes(kept));
        Assert.Equal(lines[1].Str("quarantine"), Path.GetFileNameWithoutExtension(kept));
        var note = JsonDocument.Parse(File.ReadAllBytes(Path.ChangeExtension(kept, ".json"))).RootElement;
        Assert.Equal((folder.File("b-out-of-office.eml"), "auto-replied"), (note.Str("source"), note.Str("reason")));
        Assert.Equal(question, File.ReadAllBytes(folder.File("a-question.eml")));
        Assert.Equal(autoReply, File.ReadAllBytes(folder.File("b-out-of-office.eml")));
    }

    private static IEnumerable<string> Actions(ProcessOutput output) => Objects(output).Select(o => o.Str("action"));

    private static async Task<int> TicketCountAsync(TicketMail.TestKit.Cli cli)
    {
        var list = await cli.RunAsync("tickets", "list", "--json", "--limit", "1000");
        return JsonDocument.Parse(list.Stdout).RootElement.GetArrayLength();
    }

    private static async Task<int> MessageCountAsync(TicketMail.TestKit.Cli cli)
    {
        var list = await cli.RunAsync("tickets", "list", "--json", "--limit", "1000");
        return JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Sum(t => t.GetProperty("messageCount").GetInt32());
    }

    /// <summary>Every file left anywhere in the spool (a stored message leaves none; loops/ marks are not messages).</summary>
    private static string[] SpoolFiles(TicketMail.TestKit.Cli cli)
    {
        var spool = cli.Environment["TICKETMAIL_SPOOL"]!;
        return Directory.Exists(spool)
            ? Directory.GetFiles(spool, "*.eml", SearchOption.AllDirectories)
            : [];
    }
}
