using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using TicketMail.Cli.Tests.Safety;
using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Reliability;

/// <summary>Issue 15: poison messages, provider errors, the one deadline, SQLite's lock handling, the spool's details.</summary>
[Collection(PostgresCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReliabilityTests(PostgresServer postgres)
{
    private static byte[] Message(string id, string subject = "Help", string body = "Hello\r\n", string extraHeaders = "") => Encoding.UTF8.GetBytes(
        $"From: Ann <ann@customer.example>\r\nTo: support@example.com\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\n{extraHeaders}"
        + $"Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n{body}");

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_NUL_byte_and_forty_thousand_References_are_stored_and_the_raw_bytes_keep_the_NUL(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        var references = string.Join(' ', Enumerable.Range(0, 40_000).Select(i => $"<r{i}@x.example>"));

        var output = await bed.Cli.RunAsync(Message("nul-1@customer.example", "N\0UL", "before\0after\r\n", $"References: {references}\r\n"), "process", "--json");
        var result = CliJson.Single(output);

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Equal("created", result.Str("action"));
        Assert.Equal(1, await bed.CountAsync("select count(*) from messages"));
        var raw = await bed.BytesAsync("select content from message_raw");
        Assert.Contains((byte)0, raw);
        Assert.Equal(1, await bed.CountAsync("select count(*) from messages where text_body = 'beforeafter' and subject = 'NUL'"));
    }

    /// <summary>A database that says no to one message (a trigger here): deferred twice, then quarantined as unstorable.</summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_message_the_database_refuses_three_times_is_quarantined_as_unstorable(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        if (provider == TestDatabase.Sqlite)
        {
            // abs() of the smallest integer raises "integer overflow": an error that is about the values stored.
            await bed.Db.ExecAsync("create trigger poison before insert on messages when new.subject = 'poison' begin select abs(-9223372036854775808); end");
        }
        else
        {
            await bed.Db.ExecAsync("""
                create function poison() returns trigger language plpgsql as $$ begin
                  if new.subject = 'poison' then raise exception 'poisoned' using errcode = '22023'; end if; return new; end $$;
                create trigger poison before insert on messages for each row execute function poison();
                """);
        }

        var first = await bed.Cli.RunAsync(Message("poison-1@customer.example", "poison"), "process");
        var second = await bed.Cli.RunAsync("spool", "retry");
        var third = await bed.Cli.RunAsync("spool", "retry");
        var fine = await bed.Cli.RunAsync(Message("fine-1@customer.example"), "process");

        Assert.True(first.ExitCode == 75, first.ToString());
        Assert.DoesNotContain("internal error", first.Stderr, StringComparison.Ordinal);
        Assert.Equal(75, second.ExitCode);
        Assert.True(third.ExitCode == 65, third.ToString());
        Assert.Empty(bed.Files("deferred"));
        var kept = Assert.Single(bed.Files("quarantine"));
        var note = await File.ReadAllTextAsync(Path.Combine(bed.Spool, "quarantine", kept + ".json"));
        Assert.Contains("\"reason\":\"unstorable\"", note, StringComparison.Ordinal);
        Assert.Contains("refused it 3 times", note, StringComparison.Ordinal);
        Assert.Equal(0, fine.ExitCode);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_read_only_database_defers_the_message_with_exit_75_not_70(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        var cli = bed.Cli;
        if (provider == TestDatabase.Sqlite)
        {
            cli = cli.With("TICKETMAIL_DB", $"Data Source={bed.Db.ConnectionString};Mode=ReadOnly");
        }
        else
        {
            var name = new Npgsql.NpgsqlConnectionStringBuilder(bed.Db.ConnectionString).Database;
            await bed.Db.ExecAsync($"alter database \"{name}\" set default_transaction_read_only = on");
        }

        var output = await cli.RunAsync(Message("ro-1@customer.example"), "process");

        Assert.True(output.ExitCode == 75, output.ToString());
        Assert.Contains("read-only", output.Stderr, StringComparison.Ordinal);
        Assert.Single(bed.Files("deferred"));
    }

    /// <summary>A PostgreSQL that accepts TCP and never answers, and a SQLite file another process keeps locked.</summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_hung_database_defers_within_one_timeout_from_the_process_start(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        var accepted = new List<TcpClient>();
        SqliteConnection? locker = null;
        var cli = bed.Cli.With("TICKETMAIL_DB_TIMEOUT", "3");
        if (provider == TestDatabase.Postgres)
        {
            listener.Start();
            _ = Task.Run(async () =>
            {
                while (true)
                {
                    accepted.Add(await listener.AcceptTcpClientAsync());
                }
            });
            cli = cli.With("TICKETMAIL_DB", $"Host=127.0.0.1;Port={((IPEndPoint)listener.LocalEndpoint).Port};Database=x;Username=x;Password=x");
        }
        else
        {
            locker = new SqliteConnection($"Data Source={bed.Db.ConnectionString}");
            await locker.OpenAsync();
            await using var begin = locker.CreateCommand();
            begin.CommandText = "PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();
        }

        // The old code took twice the timeout (10 s for 5); the bound leaves room for the JIT's start-up only.
        var output = await cli.RunWithinAsync(TimeSpan.FromSeconds(3 + 4), Message("hung-1@customer.example"), "process");
        locker?.Dispose();

        Assert.True(output.ExitCode == 75, output.ToString());
        Assert.Single(bed.Files("deferred"));
        foreach (var client in accepted)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task A_SQLite_file_in_rollback_journal_mode_is_switched_to_WAL_on_first_open()
    {
        await using var bed = await SafetyBed.CreateAsync(TestDatabase.Sqlite, postgres);
        await bed.Db.ExecAsync("PRAGMA journal_mode=DELETE");

        var output = await bed.Cli.RunAsync(Message("wal-1@customer.example"), "process");

        Assert.Equal(0, output.ExitCode);
        // A pooled connection of this process would still report the mode it saw when it opened.
        SqliteConnection.ClearAllPools();
        Assert.Equal("wal", await bed.Db.ExecAsync("PRAGMA journal_mode") as string);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Spool_retry_now_takes_a_fresh_leftover_and_removes_killed_writers_partials_and_files_are_private(string provider)
    {
        await using var bed = await SafetyBed.CreateAsync(provider, postgres);
        var tmp = Directory.CreateDirectory(Path.Combine(bed.Spool, "tmp")).FullName;
        var partial = Path.Combine(tmp, "20261125T181500Z-0000beef.eml");
        await File.WriteAllTextAsync(partial, "From: half");
        File.SetLastWriteTimeUtc(partial, DateTime.UtcNow.AddHours(-1));
        var incoming = Directory.CreateDirectory(Path.Combine(bed.Spool, "incoming")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(incoming, "20261125T181501Z-0000cafe.eml"), Message("left-1@customer.example"));

        var plain = await bed.Cli.RunAsync("spool", "retry", "--json");
        var now = await bed.Cli.RunAsync("spool", "retry", "--now", "--json");
        var deferred = await bed.Cli.With("TICKETMAIL_DB", provider == TestDatabase.Sqlite ? $"Data Source={bed.Db.ConnectionString};Mode=ReadOnly" : "Host=127.0.0.1;Port=1;Database=x")
            .RunWithUmaskAsync("000", Message("private-1@customer.example"), "process");

        Assert.Equal("", plain.Stdout);
        Assert.False(File.Exists(partial));
        Assert.Equal("created", CliJson.Single(now).Str("action"));
        Assert.Empty(bed.Files("incoming"));
        Assert.True(deferred.ExitCode == 75, deferred.ToString());
        var kept = Path.Combine(bed.Spool, "deferred", Assert.Single(bed.Files("deferred")) + ".eml");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kept));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.ChangeExtension(kept, ".json")));
    }

    [Fact]
    public async Task A_new_SQLite_file_is_private_whatever_the_umask()
    {
        using var folder = new TempFolder("ticketmail-umask");
        var db = Path.Combine(folder.Path, "new", "tickets.db");
        // A first use migrates the new file: time for the JIT, which is not what this test is about.
        var cli = TestKit.Cli.For(db).With("TICKETMAIL_DB_TIMEOUT", "60");

        var output = await cli.RunWithUmaskAsync("000", Message("umask-1@customer.example"), "process");

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(db));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(db)!));
    }
}
