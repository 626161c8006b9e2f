using System.Text.Json;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Automatic;

/// <summary>
/// Every shape of tests/fixtures/realmail through the built CLI: one batch run (process --dry-run --json DIR)
/// for the folder, and stdin for the mbox-envelope message (a file starting with "From " is an mbox in a batch).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RealMailCliTests(PostgresServer postgres)
{
    public static TheoryData<string, string, string?, string?> Expected => new()
    {
        // file, action, automatic, from
        { "leading-blank-line.eml", "created", null, "ann@customer.example" },
        { "banner-line.eml", "created", null, "bob@customer.example" },
        { "from-no-brackets.eml", "created", null, "john@customer.example" },
        { "from-space-local.eml", "created", null, "\"jo doe\"@customer.example" },
        { "from-trailing-dot.eml", "created", null, "kim@customer.example" },
        { "from-unparsable-sender-fallback.eml", "created", null, "lee@customer.example" },
        { "forwarded-bounce.eml", "created", null, "gil@customer.example" },
        { "bounce-from-empty.eml", "ignored", "bounce", null },
        { "bounce-mailer-daemon-empty.eml", "ignored", "bounce", null },
        { "bounce-no-from.eml", "ignored", "bounce", null },
        { "report-no-type.eml", "ignored", "bounce", "relay@mx.other.example" },
        { "feedback-report.eml", "ignored", "feedback", "fbl@isp.example" },
        { "icloud-vacation.eml", "ignored", "auto-replied", "fay@icloud.example" },
        { "list-subscribe.eml", "ignored", "list", "news@lists.vendor.example" },
        { "list-post.eml", "ignored", "list", "news@lists.vendor.example" },
        { "mailing-list.eml", "ignored", "list", "news@lists.vendor.example" },
        { "x-mlserver.eml", "ignored", "list", "news@lists.vendor.example" },
        { "x-ml-name.eml", "ignored", "list", "news@lists.vendor.example" },
        { "post-master.eml", "ignored", "mailer-daemon", "post_master@mx.other.example" },
        { "mail-delivery-system.eml", "ignored", "bounce", "Mail.Delivery.System@mx.other.example" },
        { "return-path-mailer-daemon.eml", "ignored", "bounce", "notice@mx.other.example" },
    };

    [Fact]
    public async Task Each_shape_gets_its_outcome_in_one_batch_run()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TestKit.Cli.For(db.ConnectionString);
        var folder = RepoPaths.Fixture("realmail");

        var output = await cli.RunAsync("process", "--dry-run", "--json", folder);

        var results = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(CliJson.Parse)
            .ToDictionary(j => Path.GetFileName(j.Str("source").Split('#')[0]));
        foreach (var row in Expected)
        {
            var (file, action, automatic, from) = ((string)row[0], (string)row[1], (string?)row[2], (string?)row[3]);
            var result = results[file];
            var message = result.GetProperty("message");
            var sender = message.GetProperty("from");
            Assert.Equal((file, action, automatic, from),
                (file, result.Str("action"), message.GetProperty("automatic").GetString(), sender.ValueKind == JsonValueKind.Null ? null : sender.Str("address")));
        }

        var refused = results["no-sender-anywhere.eml"];
        Assert.Equal(("failed", 65), (refused.Str("action"), refused.GetProperty("exitCode").GetInt32()));
        // Refused after it was parsed: the line says what was read, and that it was a dry run.
        Assert.Equal(("nobody-1@customer.example", "Nobody", true), (refused.Str("messageId"), refused.Str("subject"), refused.GetProperty("dryRun").GetBoolean()));
        Assert.Equal(("No sender, nothing automatic.", JsonValueKind.Null), (refused.GetProperty("message").Str("text"), refused.GetProperty("message").GetProperty("from").ValueKind));
        Assert.Equal(65, output.ExitCode);
    }

    [Fact]
    public async Task A_message_with_only_an_mbox_envelope_line_takes_its_sender_from_there()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TestKit.Cli.For(db.ConnectionString);

        var result = CliJson.Single(await cli.RunAsync(Fixture.Bytes("realmail/mbox-envelope-only.eml"), "process", "--dry-run", "--json"));

        Assert.Equal(("created", "pat@customer.example"), (result.Str("action"), result.Str("from")));
        Assert.Contains("sender taken from the mbox envelope line", result.GetProperty("message").GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
    }
}
