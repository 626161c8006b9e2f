using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using TicketMail.Cli.Tests.Safety;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Reliability;

/// <summary>
/// Issue 15: the batch circuit breaker against a locked SQLite file (the PostgreSQL case is in BatchImporterTests),
/// a deferred mbox message that keeps its envelope sender for the retry (issue 11), and a SIGTERM that arrives after the commit (item 12): the message is finished and the process exits with its code.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BreakerAndSignalTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_locked_SQLite_database_opens_the_breaker_after_three_timeouts_and_defers_the_rest_at_once()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        using var folder = new TempFolder();
        for (var i = 0; i < 10; i++)
        {
            File.WriteAllBytes(folder.File($"m{i:D2}.eml"), Mail.From($"c{i}@customer.example").Bytes());
        }

        // Another connection holds the exclusive lock (rollback journal: readers are shut out too) for the whole batch.
        await using (var locker = new SqliteConnection($"Data Source={bed.Db.ConnectionString};Pooling=False"))
        {
            await locker.OpenAsync();
            await using var begin = locker.CreateCommand();
            begin.CommandText = "PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();

            var output = await bed.Cli.With("TICKETMAIL_DB_TIMEOUT", "1").RunAsync("process", "--batch-size", "5", folder.Path);

            var errors = output.Stderr.Split('\n').Where(l => l.StartsWith("ticketmail: database unavailable", StringComparison.Ordinal)).ToList();
            Assert.True(output.ExitCode == 75, output.ToString());
            Assert.Equal(10, errors.Count);
            Assert.Equal(3, errors.Count(l => !l.Contains("deferred without trying", StringComparison.Ordinal)));
            Assert.All(errors.Skip(3), l => Assert.Contains("3 messages in a row could not reach the database", l));
            Assert.Equal(10, bed.Files("deferred").Count);
        }

        // The lock gone, 'spool retry' stores each deferred message exactly once.
        var retry = await bed.Cli.RunAsync("spool", "retry");
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Equal(10L, await bed.CountAsync("SELECT COUNT(*) FROM messages"));
        Assert.Empty(bed.Files("deferred"));
    }

    [Fact]
    public async Task A_deferred_mbox_message_without_From_keeps_its_envelope_sender_for_the_retry()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        await using (var locker = new SqliteConnection($"Data Source={bed.Db.ConnectionString};Pooling=False"))
        {
            await locker.OpenAsync();
            await using var begin = locker.CreateCommand();
            begin.CommandText = "PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();

            var output = await bed.Cli.With("TICKETMAIL_DB_TIMEOUT", "1").RunAsync("process", RepoPaths.Fixture("operator/envelope.mbox"));

            Assert.True(output.ExitCode == 75, output.ToString());
            Assert.Equal(2, bed.Files("deferred").Count);
        }

        // The mbox slice in the spool has no "From " line of its own: its reason file kept the envelope sender.
        var retry = await bed.Cli.RunAsync("spool", "retry");

        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Equal(1L, await bed.CountAsync("SELECT COUNT(*) FROM messages WHERE from_address = 'pat@customer.example'"));
        Assert.Equal(2L, await bed.CountAsync("SELECT COUNT(*) FROM messages"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SIGTERM_after_the_commit_finishes_the_message_and_exits_0_not_by_signal(string provider)
    {
        // A mail server that accepts the connection and says nothing: the acknowledgement, sent only after the
        // commit, stalls there. Its connection is the proof the commit happened; then SIGTERM, then the stall ends.
        using var smtp = new TcpListener(IPAddress.Loopback, 0);
        smtp.Start();
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        var cli = bed.Cli.With("TICKETMAIL_SMTP", $"smtp://127.0.0.1:{((IPEndPoint)smtp.LocalEndpoint).Port}");
        var mail = Mail.From("ann@customer.example").Header("Subject", "Printer on fire");

        using var process = await KillableCli.StartAsync(cli, mail.Bytes(), null, "process");
        using (var stalled = await smtp.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromMinutes(2)))
        {
            Assert.Equal(1L, await bed.CountAsync("SELECT COUNT(*) FROM messages"));
            await process.TerminateAsync();
            // Give the signal time to arrive while the process is still inside the after-commit step.
            await Task.Delay(500);
        }

        var exit = await process.ExitCodeAsync();

        Assert.True(exit == 0, $"exit {exit}: {process.Stderr()}");
        Assert.Equal(1L, await bed.CountAsync("SELECT COUNT(*) FROM messages"));
        Assert.Empty(bed.Files("incoming"));
        Assert.Empty(bed.Files("deferred"));
    }
}
