using System.Text;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Reliability;

/// <summary>
/// Several mail hosts, one PostgreSQL (issue 15): four installs, each its own spool folder and its own processes,
/// deliver into one database while the server is restarted once. Each host gets its own originals, copies of the
/// next host's (the same mail delivered by two MX hosts) and, in a second round, replies to the next host's tickets.
/// Batch mode keeps the process count small. The server is the test's own, since it is restarted.
/// </summary>
public sealed class MultiHostTests : IAsyncLifetime
{
    private const int Hosts = 4;
    private readonly PostgresServer _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public Task Four_hosts_deliver_2500_messages_each_through_a_restart_and_every_message_is_stored_once() =>
        RunAsync(own: 1750, copies: 250, replies: 500, bouncer: false);

    [Fact]
    public Task Behind_PgBouncer_in_transaction_mode_with_Max_Auto_Prepare_0_the_counts_hold_and_no_statement_is_lost() =>
        RunAsync(own: 350, copies: 50, replies: 100, bouncer: true);

    private async Task RunAsync(int own, int copies, int replies, bool bouncer)
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Postgres, _postgres);
        await using var pgbouncer = bouncer ? await PgBouncer.StartAsync(_postgres.AdminConnectionString) : null;
        var connection = pgbouncer?.ConnectionStringFor(db.ConnectionString) ?? db.ConnectionString;
        var spools = Enumerable.Range(0, Hosts).Select(h => new TempFolder($"ticketmail-host{h}-spool")).ToList();
        var inputs = Enumerable.Range(0, Hosts).Select(h => new TempFolder($"ticketmail-host{h}-mail")).ToList();
        var replyInputs = Enumerable.Range(0, Hosts).Select(h => new TempFolder($"ticketmail-host{h}-replies")).ToList();
        var hosts = Enumerable.Range(0, Hosts).Select(h => TestKit.Cli.For(connection, spools[h].Path).ForConcurrentStart()).ToList();
        try
        {
            for (var h = 0; h < Hosts; h++)
            {
                var next = (h + 1) % Hosts;
                for (var i = 0; i < own; i++)
                {
                    File.WriteAllBytes(inputs[h].File($"o{h}-{i:D5}.eml"), Original(h, i));
                }

                for (var i = 0; i < copies; i++)
                {
                    File.WriteAllBytes(inputs[h].File($"c{next}-{i:D5}.eml"), Original(next, i));
                }

                for (var i = 0; i < replies; i++)
                {
                    File.WriteAllBytes(replyInputs[h].File($"r{next}-{i:D5}.eml"), Reply(next, copies + i));
                }
            }

            // Round 1: all four hosts at once; PostgreSQL stops once the first fifth is stored, and is back 2 s later.
            var round = Enumerable.Range(0, Hosts).Select(h => hosts[h].RunAsync("process", inputs[h].Path)).ToList();
            await RestartWhenAsync(db, Hosts * own / 5, round);
            var first = await Task.WhenAll(round);
            var deferred = spools.Select(s => Deferred(s).Length).ToList();

            Assert.All(first, o => Assert.True(o.ExitCode is 0 or 75, o.ToString()));
            Assert.True(deferred.Sum() > 0, "the restart deferred nothing: it came too late to test anything");
            await RetryEachAsync(hosts, spools, deferred);

            // Round 2: the replies, each to a ticket another host created.
            var second = await Task.WhenAll(Enumerable.Range(0, Hosts).Select(h => hosts[h].RunAsync("process", replyInputs[h].Path)));
            Assert.All(second, o => Assert.True(o.ExitCode is 0 or 75, o.ToString()));
            await RetryEachAsync(hosts, spools, spools.Select(s => Deferred(s).Length).ToList());

            var unique = Hosts * (own + replies);
            Assert.Equal((long)unique, await db.ScalarAsync("SELECT COUNT(*) FROM messages"));
            Assert.Equal((long)unique, await db.ScalarAsync("SELECT COUNT(DISTINCT message_id) FROM messages"));
            Assert.Equal((long)(Hosts * own), await db.ScalarAsync("SELECT COUNT(*) FROM tickets"));
            Assert.Equal((long)(Hosts * replies), await db.ScalarAsync(
                "SELECT COUNT(*) FROM messages r JOIN messages o ON o.message_id = 'o' || substr(r.message_id, 2) AND o.ticket_id = r.ticket_id WHERE r.message_id LIKE 'r%'"));
            if (pgbouncer is not null)
            {
                var output = string.Join('\n', first.Concat(second).Select(o => o.Stderr));
                Assert.DoesNotContain("prepared statement", output, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("prepared statement", pgbouncer.Log(), StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            foreach (var folder in spools.Concat(inputs).Concat(replyInputs))
            {
                folder.Dispose();
            }
        }
    }

    /// <summary>Each host replays its own deferred/ with its own 'spool retry': one line per message, none left.</summary>
    private static async Task RetryEachAsync(List<TestKit.Cli> hosts, List<TempFolder> spools, List<int> deferred)
    {
        for (var h = 0; h < Hosts; h++)
        {
            var retry = await hosts[h].RunAsync("spool", "retry", "--json");
            Assert.True(retry.ExitCode == 0, retry.ToString());
            Assert.Equal(deferred[h], retry.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Empty(Deferred(spools[h]));
        }
    }

    private async Task RestartWhenAsync(TestDatabase db, int stored, List<Task<ProcessOutput>> running)
    {
        while (!running.All(t => t.IsCompleted))
        {
            if (await db.ScalarAsync("SELECT COUNT(*) FROM messages") >= stored)
            {
                await _postgres.RestartAsync(TimeSpan.FromSeconds(2));
                return;
            }

            await Task.Delay(100);
        }
    }

    private static string[] Deferred(TempFolder spool) =>
        Directory.Exists(Path.Combine(spool.Path, "deferred")) ? Directory.GetFiles(Path.Combine(spool.Path, "deferred"), "*.eml") : [];

    private static byte[] Original(int host, int i) => Encoding.UTF8.GetBytes(
        $"From: c{host}x{i}@customer.example\r\nTo: support@example.com\r\nSubject: Question {host}-{i}\r\n"
        + $"Message-ID: <o{host}-{i}@client.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nHello from {host}-{i}\r\n");

    private static byte[] Reply(int host, int i) => Encoding.UTF8.GetBytes(
        $"From: c{host}x{i}@customer.example\r\nTo: support@example.com\r\nSubject: Re: Question {host}-{i}\r\n"
        + $"Message-ID: <r{host}-{i}@client.example>\r\nIn-Reply-To: <o{host}-{i}@client.example>\r\nReferences: <o{host}-{i}@client.example>\r\n"
        + $"Date: Mon, 23 Nov 2026 11:00:00 +0000\r\n\r\nStill broken ({host}-{i})\r\n");
}
