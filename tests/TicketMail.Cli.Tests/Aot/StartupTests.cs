using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Aot;

/// <summary>
/// The lean start of issue 7, through the real CLI process (also run against the Native AOT binary with
/// TICKETMAIL_CLI=...): the phase timings of --verbose, and an up-to-date store opened without a write.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StartupTests(PostgresServer postgres)
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Verbose_prints_the_time_of_each_phase_on_one_stderr_line(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var output = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--verbose");

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.StartsWith("created ticket ", output.Stdout, StringComparison.Ordinal);
        var lines = output.Stderr.Split('\n').Where(l => l.Contains("Phases (ms):", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Matches(
            @"^\[DBG\] Phases \(ms\): args \d+\.\d, config \d+\.\d, read\+parse \d+\.\d( \(2×\))?, store \d+\.\d, facts \d+\.\d, route \d+\.\d, save \d+\.\d, output \d+\.\d; \d+\.\d ms in Main$",
            line.TrimEnd('\r'));
    }

    [Fact]
    public async Task A_new_ticket_and_its_reply_through_the_spool_load_no_OpenSSL()
    {
        // OpenSSL costs a one-message process ~3.5 MiB and ~1.5 ms (README, Performance): a plain message must not
        // load it (spool names, message hashes). ld.so's own trace of every library it loads says whether it did.
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        using var trace = new TempFolder("ticketmail-ld-trace");
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString).With("LD_DEBUG", "libs").With("LD_DEBUG_OUTPUT", trace.File("ld"));

        var created = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process");
        var replied = await cli.RunAsync(Fixture.Bytes("core/reply-in-reply-to.eml"), "process");

        Assert.True(created.ExitCode == 0 && replied.ExitCode == 0, created + "\n" + replied);
        Assert.StartsWith("replied ticket ", replied.Stdout, StringComparison.Ordinal);
        var loaded = string.Join('\n', Directory.GetFiles(trace.Path).Select(File.ReadAllText));
        Assert.Contains("e_sqlite3", loaded, StringComparison.Ordinal);
        Assert.DoesNotContain("libssl", loaded, StringComparison.Ordinal);
        Assert.DoesNotContain("libcrypto", loaded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_verbose_no_phase_line_is_printed()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var output = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process");

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.DoesNotContain("Phases", output.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_up_to_date_SQLite_file_is_opened_without_a_write()
    {
        // EF's Migrate takes its migration lock, a write, on every call: a read-only connection shows that
        // the start-up check only reads when nothing is pending.
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, postgres);
        var cli = TicketMail.TestKit.Cli.For(db.ConnectionString);

        var output = await cli.RunAsync(
            Fixture.Bytes("core/new-ticket.eml"), "process", "--dry-run", "--db", $"Data Source={db.ConnectionString};Mode=ReadOnly");

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.StartsWith("would be created", output.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_SQLite_file_still_gets_its_schema_on_first_use()
    {
        using var folder = new TempFolder("ticketmail-fresh");
        var path = Path.Combine(folder.Path, "fresh.db");
        var cli = TicketMail.TestKit.Cli.For(path);

        var first = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process");
        var again = await cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith("created ticket", first.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("duplicate", again.Stdout, StringComparison.Ordinal);
    }
}
