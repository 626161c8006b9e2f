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
        };
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
        Assert.Contains($"ok   spool: {spool} is writable; 0 deferred, 1 quarantined", output.Stdout);
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
}
