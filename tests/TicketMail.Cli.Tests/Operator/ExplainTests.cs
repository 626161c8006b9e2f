using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Operator;

/// <summary>process --dry-run --explain, for people and as JSON.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ExplainTests(PostgresServer postgres)
{
    [Fact]
    public async Task Explain_names_the_rule_the_steps_the_verdicts_the_reply_and_the_attachments_and_stores_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);
        var ticket = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--json")).Str("ticket");

        var output = await cli.RunAsync(Fixture.Bytes("core/reply-in-reply-to.eml"), "process", "--dry-run", "--explain");
        var list = CliJson.Parse((await cli.RunAsync("tickets", "show", ticket, "--json")).Stdout);

        Assert.Equal(0, output.ExitCode);
        Assert.StartsWith($"would be replied ticket {ticket}", output.Stdout);
        Assert.Contains("rule:        in-reply-to -> replied", output.Stdout);
        Assert.Contains($"    - in-reply-to: <new-ticket-1@customer.example> is stored on ticket {ticket}", output.Stdout);
        Assert.Contains("automatic:   no, written by a person", output.Stdout);
        Assert.Contains("sender:      ann@customer.example", output.Stdout);
        Assert.Contains("attachments: none", output.Stdout);
        Assert.Contains($"would store: this message on ticket {ticket}", output.Stdout);
        Assert.Single(list.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Explain_lists_attachments_by_their_stored_name()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var output = await cli.RunAsync(File.ReadAllBytes(OperatorSetUp.Fixture("operator/attachment.eml")), "process", "--dry-run", "--explain");

        // The name as it will be stored: path segments stripped by the file-name sanitizer.
        Assert.Contains("    - evil.txt (text/plain, 18 bytes)", output.Stdout);
        Assert.DoesNotContain("../", output.Stdout, StringComparison.Ordinal);
        Assert.Contains("would store: a new ticket with this message", output.Stdout);
    }

    [Fact]
    public async Task With_json_explain_adds_a_trace_array_to_the_one_object()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var result = CliJson.Single(await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--dry-run", "--explain", "--json"));

        var trace = result.GetProperty("trace").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal("new", result.Str("rule"));
        Assert.Equal(["new: no tag, thread or subject token matched a ticket", "created: a new ticket for ann@customer.example",
            "queue: support, from the Delivered-To support@example.com"], trace);
    }
}
