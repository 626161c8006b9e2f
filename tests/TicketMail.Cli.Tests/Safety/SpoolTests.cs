using System.Text.Json;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Safety;

/// <summary>Spool first: nothing is lost when the database is down or the process dies, and replay is idempotent.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SpoolTests(PostgresServer postgres)
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=none;Username=nobody";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_message_that_arrives_while_the_database_is_down_is_deferred_and_retry_stores_it_once(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        var down = bed.Cli.With("TICKETMAIL_DB", Unreachable).With("TICKETMAIL_DB_TIMEOUT", "2");

        var deferred = await down.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process");
        var listed = JsonDocument.Parse((await bed.Cli.RunAsync("spool", "list", "--json")).Stdout).RootElement;
        var id = Assert.Single(bed.Files("deferred"));
        var shown = CliJson.Parse((await bed.Cli.RunAsync("spool", "show", id, "--json")).Stdout);
        var retried = await bed.Cli.RunAsync("spool", "retry");
        var again = await bed.Cli.RunAsync("spool", "retry");

        Assert.Equal(75, deferred.ExitCode);
        Assert.Single(deferred.Stderr.Split('\n'), l => l.StartsWith("ticketmail: database unavailable", StringComparison.Ordinal));
        Assert.Contains($"kept as {id}", deferred.Stderr, StringComparison.Ordinal);
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).Str("id"));
        Assert.Equal(("db-unavailable", "new-ticket-1@customer.example", 1), (shown.Str("reason"), shown.Str("messageId"), shown.GetProperty("attempts").GetInt32()));
        Assert.Equal(0, retried.ExitCode);
        Assert.StartsWith("created ticket ", retried.Stdout, StringComparison.Ordinal);
        Assert.Equal((0, ""), (again.ExitCode, again.Stdout));
        Assert.Empty(bed.Files("deferred"));
        Assert.Equal(1, await bed.CountAsync("select count(*) from tickets"));
    }

    [Fact]
    public async Task The_recipient_argument_is_kept_with_a_deferred_message_so_retry_routes_it_the_same_way()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        var ticket = await bed.CreateTicketAsync();
        var down = bed.Cli.With("TICKETMAIL_DB", Unreachable).With("TICKETMAIL_DB_TIMEOUT", "2");

        var deferred = await down.RunAsync(Fixture.Bytes("core/reply-bcc-envelope.eml"), "process", "--recipient", $"support+{ticket}@example.com");
        var retried = CliJson.Single(await bed.Cli.RunAsync("spool", "retry", "--json"));

        Assert.Equal(75, deferred.ExitCode);
        Assert.Equal(("replied", ticket, "envelope"), (retried.Str("action"), retried.Str("ticket"), retried.Str("rule")));
    }

    [Fact]
    public async Task A_failed_retry_stays_deferred_and_counts_its_attempts()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        var down = bed.Cli.With("TICKETMAIL_DB", Unreachable).With("TICKETMAIL_DB_TIMEOUT", "2");
        await down.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process");

        var retried = await down.RunAsync("spool", "retry");
        var id = Assert.Single(bed.Files("deferred"));
        var shown = CliJson.Parse((await bed.Cli.RunAsync("spool", "show", id, "--json")).Stdout);

        Assert.Equal(75, retried.ExitCode);
        Assert.Equal(2, shown.GetProperty("attempts").GetInt32());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_process_killed_just_before_the_commit_leaves_the_message_spooled_and_retry_makes_one_ticket(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        var paused = bed.Cli.With("TICKETMAIL_TEST_PAUSE_BEFORE_COMMIT", "60000");

        using (var victim = await KillableCli.StartAsync(paused, Fixture.Bytes("core/new-ticket.eml"), "pausing", "process"))
        {
            await victim.WaitForMarkerAsync();
            await victim.KillAsync();
        }

        var id = Assert.Single(bed.Files("incoming"));
        var committedBefore = await bed.CountAsync("select count(*) from tickets");
        var tooYoung = await bed.Cli.RunAsync("spool", "retry");
        File.SetLastWriteTimeUtc(Path.Combine(bed.Spool, "incoming", id + ".eml"), DateTime.UtcNow.AddMinutes(-2));
        var retried = await bed.Cli.RunAsync("spool", "retry");

        Assert.Equal((0, ""), (tooYoung.ExitCode, tooYoung.Stdout));
        Assert.Equal(0, committedBefore);
        Assert.Equal(1, await bed.CountAsync("select count(*) from tickets"));
        Assert.Equal(0, retried.ExitCode);
        Assert.StartsWith("created ticket", retried.Stdout, StringComparison.Ordinal);
        Assert.Empty(bed.Files("incoming"));
    }

    [Fact]
    public async Task A_process_killed_as_soon_as_the_message_is_spooled_loses_nothing()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        var paused = bed.Cli.With("TICKETMAIL_TEST_PAUSE_BEFORE_COMMIT", "60000");

        using (var victim = await KillableCli.StartAsync(paused, Fixture.Bytes("core/new-ticket.eml"), null, "process"))
        {
            var incoming = Path.Combine(bed.Spool, "incoming");
            while (!Directory.Exists(incoming) || Directory.GetFiles(incoming, "*.eml").Length == 0)
            {
                await Task.Delay(5);
            }

            await victim.KillAsync();
        }

        var id = Assert.Single(bed.Files("incoming"));
        var retried = await bed.Cli.RunAsync("spool", "retry", id);

        Assert.Equal(0, retried.ExitCode);
        Assert.Equal(1, await bed.CountAsync("select count(*) from tickets"));
        Assert.Empty(bed.Files("incoming"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_message_both_committed_and_left_in_the_spool_is_replayed_as_a_duplicate_and_removed(string provider)
    {
        // The state a kill between the commit and the spool delete leaves behind.
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        await bed.CreateTicketAsync();
        var leftover = Path.Combine(bed.Spool, "incoming", "20261125T120000Z-0badf00d.eml");
        File.WriteAllBytes(leftover, Fixture.Bytes("core/new-ticket.eml"));
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddMinutes(-5));

        var retried = await bed.Cli.RunAsync("spool", "retry");

        Assert.Equal(0, retried.ExitCode);
        Assert.StartsWith("duplicate ticket", retried.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, await bed.CountAsync("select count(*) from messages"));
        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task A_stored_message_leaves_nothing_in_the_spool()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);

        await bed.CreateTicketAsync();

        Assert.Empty(bed.Files("incoming"));
        Assert.Empty(bed.Files("deferred"));
        Assert.Empty(bed.Files("quarantine"));
        Assert.Empty(Directory.GetFiles(Path.Combine(bed.Spool, "tmp")));
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_to_the_spool()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);

        var output = await bed.Cli.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process", "--dry-run");

        Assert.Equal(0, output.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(bed.Spool, "incoming")));
    }

    [Fact]
    public async Task Spool_show_of_an_unknown_or_path_like_id_exits_66()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);

        var unknown = await bed.Cli.RunAsync("spool", "show", "20261125T120000Z-00000000");
        var escape = await bed.Cli.RunAsync("spool", "show", "../../etc/passwd");
        var retry = await bed.Cli.RunAsync("spool", "retry", "../x");

        Assert.Equal((66, 66, 66), (unknown.ExitCode, escape.ExitCode, retry.ExitCode));
        Assert.StartsWith("ticketmail: no message", escape.Stderr, StringComparison.Ordinal);
    }
}
