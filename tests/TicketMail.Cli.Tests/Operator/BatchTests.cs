using System.Text.Json;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Operator;

/// <summary>process PATH...: folders, Maildirs and mbox files through the real CLI, on SQLite and PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BatchTests(PostgresServer postgres)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_folder_Maildir_and_mbox_give_one_line_per_message_a_summary_and_the_worst_exit_code(string provider)
    {
        var (db, cli) = await OperatorSetUp.For(provider, postgres);
        await using var _ = db;

        var output = await cli.RunAsync(
            "process", OperatorSetUp.Fixture("operator/maildir"), OperatorSetUp.Fixture("operator/folder"), OperatorSetUp.Fixture("operator/archive.mbox"));

        var lines = OperatorSetUp.Lines(output.Stdout);
        Assert.True(lines.Length == 8, output.ToString());
        Assert.Equal(7, lines.Count(l => l.StartsWith("created ticket ", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("failed ", StringComparison.Ordinal) && l.Contains("broken.eml", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Maildir partial", StringComparison.Ordinal));
        Assert.Contains("summary: 8 message(s): 7 created, 0 replied, 0 duplicate, 0 ignored, 0 held, 1 failed", output.Stderr);
        Assert.Equal(65, output.ExitCode);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task With_json_every_stdout_line_is_one_object_and_a_rerun_finds_only_duplicates(string provider)
    {
        var (db, cli) = await OperatorSetUp.For(provider, postgres);
        await using var _ = db;
        var mbox = OperatorSetUp.Fixture("operator/archive.mbox");

        var first = await cli.RunAsync("process", "--json", mbox);
        var again = await cli.RunAsync("process", "--json", mbox);

        var created = OperatorSetUp.Lines(first.Stdout).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(["created", "created", "created"], created.Select(o => o.Str("action")));
        Assert.Equal([$"{mbox}#1", $"{mbox}#2", $"{mbox}#3"], created.Select(o => o.Str("source")));
        Assert.Equal("mbox-2@customer.example", created[1].Str("messageId"));
        Assert.Contains("summary: 3 message(s): 3 created", first.Stderr);
        var duplicates = OperatorSetUp.Lines(again.Stdout).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(created.Select(o => o.Str("ticket")), duplicates.Select(o => o.Str("ticket")));
        Assert.All(duplicates, o => Assert.Equal("duplicate", o.Str("action")));
        Assert.Equal((0, 0), (first.ExitCode, again.ExitCode));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_mbox_message_is_stored_with_its_own_raw_bytes_only(string provider)
    {
        var (db, cli) = await OperatorSetUp.For(provider, postgres);
        await using var _ = db;
        var mbox = OperatorSetUp.Fixture("operator/archive.mbox");

        var lines = OperatorSetUp.Lines((await cli.RunAsync("process", "--json", mbox)).Stdout);
        var second = JsonDocument.Parse(lines[1]).RootElement;
        var shown = CliJson.Parse((await cli.RunAsync("tickets", "show", second.Str("ticket"), "--json")).Stdout);

        var text = shown.GetProperty("messages")[0].Str("text");
        Assert.Contains("Body of mbox message 2.", text);
        Assert.DoesNotContain("message 1", text);
        Assert.DoesNotContain("message 3", text);
    }

    [Fact]
    public async Task A_message_without_From_inside_an_mbox_takes_its_sender_from_its_envelope_line()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);
        var mbox = OperatorSetUp.Fixture("operator/envelope.mbox");

        var output = await cli.RunAsync("process", "--json", mbox);

        var lines = OperatorSetUp.Lines(output.Stdout).Select(CliJson.Parse).ToList();
        Assert.True(lines.Count == 2, output.ToString());
        Assert.Equal([("created", "eve@customer.example"), ("created", "pat@customer.example")], lines.Select(o => (o.Str("action"), o.Str("from"))));
        Assert.Equal(0, lines[0].GetProperty("message").GetProperty("notes").GetArrayLength());
        Assert.Contains("sender taken from the mbox envelope line", lines[1].GetProperty("message").GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, output.ExitCode);
    }

    [Fact]
    public async Task One_message_on_stdin_prints_exactly_one_line_and_no_summary()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var output = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json");

        Assert.Single(OperatorSetUp.Lines(output.Stdout));
        Assert.DoesNotContain("summary:", output.Stderr);
        Assert.Equal(0, output.ExitCode);
    }

    [Fact]
    public async Task A_missing_path_fails_that_input_with_exit_66_and_the_rest_is_stored()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var output = await cli.RunAsync("process", "/nonexistent/message.eml", OperatorSetUp.Fixture("operator/folder/a.eml"));

        Assert.Equal(66, output.ExitCode);
        Assert.Contains("summary: 2 message(s): 1 created, 0 replied, 0 duplicate, 0 ignored, 0 held, 1 failed", output.Stderr);
        Assert.Contains("created ticket ", output.Stdout);
    }

    [Fact]
    public async Task Without_a_terminal_no_progress_bar_is_drawn()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var output = await cli.RunAsync("process", OperatorSetUp.Fixture("operator/maildir"));

        Assert.DoesNotContain("\r", output.Stderr);
        Assert.DoesNotContain("msg/s", output.Stderr);
    }
}
