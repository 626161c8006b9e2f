using TicketMail.Cli.Tests.Support;
using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Operator;

/// <summary>ticketmail doctor: the checklist, its fixes and its exit codes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DoctorTests(PostgresServer postgres)
{
    /// <summary>Wrapper and compiled Sieve script in a temp folder, so the result does not depend on this host's mail server.</summary>
    private static Dictionary<string, string?> Installed(TempFolder folder)
    {
        File.WriteAllText(folder.File("ticketmail-pipe"), "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder.File("ticketmail-pipe"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.WriteAllText(folder.File("ticketmail.sieve"), "require \"vnd.dovecot.pipe\";\n");
        File.WriteAllText(folder.File("ticketmail.svbin"), "compiled");
        File.SetLastWriteTimeUtc(folder.File("ticketmail.svbin"), DateTime.UtcNow.AddMinutes(1));
        return new Dictionary<string, string?>
        {
            ["TICKETMAIL_WRAPPER"] = folder.File("ticketmail-pipe"),
            ["TICKETMAIL_SIEVE_SCRIPT"] = folder.File("ticketmail.sieve"),
            // No main.cf there: this host's own Postfix limits do not leak into the result.
            ["TICKETMAIL_POSTFIX_DIR"] = folder.Path,
        };
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// Runs the CLI from where nobody can run it too: the JIT build is copied out of the checkout when a folder
    /// above it is closed to others (a checkout under /root); an AOT binary (TICKETMAIL_CLI) must be reachable as it is.
    /// </summary>
    private static Task<ProcessOutput> RunnableByNobody(TempFolder folder, TicketMail.TestKit.Cli cli, params string[] args)
    {
        if (Environment.GetEnvironmentVariable("TICKETMAIL_CLI") is { Length: > 0 } || OperatingSystem.IsWindows() || OpenToOthers(AppContext.BaseDirectory))
        {
            return cli.RunAsync(args);
        }

        var copy = Directory.CreateDirectory(folder.File("cli")).FullName;
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return ProcessRunner.RunAsync("dotnet", [Path.Combine(copy, "ticketmail.dll"), .. args], env: cli.Environment);
    }

    private static bool OpenToOthers(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(dir.FullName) & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_healthy_installation_passes_every_check_with_plain_marks_when_not_on_a_terminal(string provider)
    {
        using var folder = new TempFolder("ticketmail-doctor");
        await using var smtp = FakeSmtpServer.Start();
        var extra = Installed(folder);
        extra["TICKETMAIL_SMTP"] = smtp.Url;
        var (db, cli) = await OperatorSetUp.For(provider, postgres, extra);
        await using var _ = db;
        var spool = cli.Environment["TICKETMAIL_SPOOL"]!;
        Directory.CreateDirectory(Path.Combine(spool, "quarantine"));
        File.WriteAllText(Path.Combine(spool, "quarantine", "one.eml"), "x");

        var output = await cli.RunAsync("doctor");

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Contains("ok   configuration: no config file; support address support@example.com from environment", output.Stdout);
        Assert.Contains("is reachable and its schema is up to date", output.Stdout);
        Assert.Contains($"ok   spool: {spool} and its folders are writable by {Environment.UserName}; 0 deferred, 1 quarantined", output.Stdout);
        Assert.Contains("ok   acknowledgements: on; SMTP smtp://127.0.0.1:", output.Stdout);
        Assert.DoesNotContain("\u001b[", output.Stdout);
        Assert.DoesNotContain("FAIL", output.Stdout);
    }

    [Fact]
    public async Task Unreachable_SMTP_fails_with_a_fix_and_exit_75()
    {
        using var folder = new TempFolder("ticketmail-doctor");
        var extra = Installed(folder);
        extra["TICKETMAIL_SMTP"] = $"smtp://127.0.0.1:{FakeSmtpServer.FreePort()}";
        var (db, cli) = await OperatorSetUp.For(TestDatabase.Sqlite, postgres, extra);
        await using var _ = db;

        var output = await cli.RunAsync("doctor");

        Assert.Equal(75, output.ExitCode);
        Assert.Contains("FAIL acknowledgements: SMTP smtp://127.0.0.1:", output.Stdout);
        Assert.Contains("      fix: start the mail server or fix TICKETMAIL_SMTP", output.Stdout);
    }

    [Fact]
    public async Task A_missing_spool_and_an_uncompiled_Sieve_script_are_setup_failures_with_exit_78()
    {
        using var folder = new TempFolder("ticketmail-doctor");
        var extra = Installed(folder);
        File.Delete(folder.File("ticketmail.svbin"));
        extra["TICKETMAIL_SPOOL"] = folder.File("no-such-spool");
        var (db, cli) = await OperatorSetUp.For(TestDatabase.Sqlite, postgres, extra);
        await using var _ = db;

        var output = await cli.RunAsync("doctor");

        Assert.Equal(78, output.ExitCode);
        Assert.Contains($"FAIL spool: {folder.File("no-such-spool")} does not exist", output.Stdout);
        Assert.Contains("FAIL sieve:", output.Stdout);
        Assert.Contains($"      fix: sievec {folder.File("ticketmail.sieve")}", output.Stdout);
    }

    [Fact]
    public async Task With_the_pipe_transport_a_missing_Sieve_script_is_no_failure_but_a_missing_wrapper_still_is()
    {
        using var folder = new TempFolder("ticketmail-doctor");
        var extra = Installed(folder);
        extra["TICKETMAIL_TRANSPORT"] = "pipe";   // what install.sh --transport pipe writes; it removes TICKETMAIL_SIEVE_SCRIPT
        extra["TICKETMAIL_SIEVE_SCRIPT"] = folder.File("no-such.sieve");
        var (db, cli) = await OperatorSetUp.For(TestDatabase.Sqlite, postgres, extra);
        await using var _ = db;

        var healthy = await cli.RunAsync("doctor");
        File.Delete(folder.File("ticketmail-pipe"));
        var noWrapper = await cli.RunAsync("doctor");

        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        Assert.Contains("ok   sieve: not used: TICKETMAIL_TRANSPORT is pipe", healthy.Stdout);
        Assert.Equal(78, noWrapper.ExitCode);
        Assert.Contains("FAIL wrapper: ", noWrapper.Stdout);
        Assert.Contains($"{folder.File("ticketmail-pipe")} is missing", noWrapper.Stdout);
    }

    [Fact]
    public async Task Doctor_as_the_delivery_user_names_a_root_owned_spool_folder_and_SQLite_folder_with_the_fix()
    {
        using var folder = new TempFolder("ticketmail-doctor");
        var spool = Directory.CreateDirectory(folder.File("spool")).FullName;
        var incoming = Directory.CreateDirectory(Path.Combine(spool, "incoming")).FullName;
        var dbFolder = Directory.CreateDirectory(folder.File("db")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            // What an earlier run as root leaves: a spool anyone may enter, but a subfolder and the database folder only root can write.
            var open = (UnixFileMode)0b111_111_111;
            File.SetUnixFileMode(folder.Path, open & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            File.SetUnixFileMode(spool, open);
            File.SetUnixFileMode(incoming, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(dbFolder, open & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        }

        var extra = Installed(folder);
        extra["TICKETMAIL_SPOOL"] = spool;
        var cli = TicketMail.TestKit.Cli.For(Path.Combine(dbFolder, "tickets.db"), spool, extra);

        var output = await RunnableByNobody(folder, cli, "doctor", "--as", "nobody");

        if (!IsRoot)
        {
            Assert.Equal(77, output.ExitCode);
            Assert.Contains("doctor --as nobody needs root", output.Stderr);
            return;
        }

        Assert.True(output.ExitCode == 78, output.ToString());
        Assert.StartsWith("(checked as nobody)", output.Stdout);
        Assert.Contains($"FAIL spool: {incoming} is not writable by nobody, so deliveries fail with 75", output.Stdout);
        Assert.Contains($"      fix: chown -R nobody: {spool} && chmod -R u+rwX,go-rwx {spool}", output.Stdout);
        Assert.Contains($"the folder {dbFolder} is not writable by nobody (SQLite writes its -wal and -shm files there)", output.Stdout);
        Assert.DoesNotContain("internal error", output.Stderr);
    }

    [Fact]
    public async Task A_Postfix_size_limit_below_what_we_accept_is_a_setup_failure_with_the_postconf_fix()
    {
        using var folder = new TempFolder("ticketmail-doctor");
        var extra = Installed(folder);
        // Debian's default; TicketMail's 50 MiB arrives base64-encoded as about 70 MB.
        File.WriteAllText(folder.File("main.cf"), "compatibility_level = 3.6\nmessage_size_limit = 10240000\n");
        var (db, cli) = await OperatorSetUp.For(TestDatabase.Sqlite, postgres, extra);
        await using var _ = db;

        var output = await cli.RunAsync("doctor");

        if (!File.Exists("/usr/sbin/postconf"))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI must have Postfix installed (apt-get install postfix): this test runs its postconf");
            Assert.DoesNotContain("size limit", output.Stdout);
            return;
        }

        Assert.Equal(78, output.ExitCode);
        Assert.Contains($"FAIL size limit: Postfix refuses mail over 10240000 bytes ({folder.Path}), but TICKETMAIL_MAX_MESSAGE_BYTES 52428800 needs 72876032 encoded", output.Stdout);
        Assert.Contains($"      fix: postconf -c {folder.Path} -e message_size_limit=72876032 && postfix reload", output.Stdout);
    }

    [Fact]
    public async Task A_read_only_SQLite_database_defers_the_message_with_its_cause_never_as_an_internal_error()
    {
        var (db, cli) = await OperatorSetUp.For(TestDatabase.Sqlite, postgres);
        await using var _ = db;
        // Root ignores file modes, so the read-only state a root-owned file gives vmail is made with SQLite's own read-only mode.
        var readOnly = cli.With("TICKETMAIL_DB", $"Data Source={db.ConnectionString};Mode=ReadOnly");

        var output = await readOnly.RunAsync(Fixture.Bytes("core/new-ticket.eml"), "process");

        // The database cannot take writes now: the message is deferred (75, kept for 'spool retry'), and the line says why.
        Assert.Equal(75, output.ExitCode);
        Assert.Contains("the SQLite database is read-only", output.Stderr);
        Assert.Contains("check the file's and its folder's mode and owner", output.Stderr);
        Assert.DoesNotContain("report it", output.Stderr);
    }
}
