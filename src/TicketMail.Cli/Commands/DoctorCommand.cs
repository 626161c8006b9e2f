using System.CommandLine;
using TicketMail.Cli.Doctor;
using TicketMail.Cli.Infrastructure;

namespace TicketMail.Cli.Commands;

/// <summary>
/// ticketmail doctor: a checklist of the installation with a fix for each failure. Exit 0 when nothing
/// failed (warnings allowed); 78 when a failure needs a change to the set-up (config, schema, files);
/// otherwise 75 when something is only unreachable (database, SMTP) and may come back by itself.
/// </summary>
public static class DoctorCommand
{
    private static readonly Option<string?> As = new("--as")
    {
        Description = "Run the checks as this user (the one the mail server runs ticketmail as, e.g. vmail); needs root.",
    };

    public static Command Create()
    {
        var command = new Command("doctor", """
            Check the installation: configuration and support address, database and migrations (a SQLite
            file and its folder writable), the spool and every folder in it (and how much mail is deferred or
            quarantined), the mail-server wrapper and Sieve script, Postfix's message size limit, and SMTP for
            acknowledgements. Prints a fix for each failure. Exit 0, 78 (set-up to fix) or 75 (unreachable).

            Examples:
              ticketmail doctor --as vmail
              sudo -u vmail ticketmail doctor --env-file /var/www/app/.env
            """)
        {
            As,
        };
        CommandRunner.SetAction(command, RunAsync, quietLog: true);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var config = context.Config;
        var asUser = context.Parse.GetValue(As);
        if (asUser is not null && asUser != DeliveryUser.Current)
        {
            if (!DeliveryUser.IsRoot)
            {
                throw new CliException(ExitCodes.NoPermission, $"doctor --as {asUser} needs root; run it with sudo, or run 'ticketmail doctor' as {asUser}");
            }

            var (code, stdout, stderr) = await DeliveryUser.RunAsAsync(asUser, cancellationToken);
            context.IO.Out.WriteLine($"(checked as {asUser})");
            context.IO.Out.Write(stdout);
            context.IO.Error.Write(stderr);
            return code;
        }

        var checks = new List<Check>
        {
            DoctorChecks.Configuration(config),
            await DoctorChecks.DatabaseAsync(config, cancellationToken),
            SpoolCheck.Run(config),
        };
        checks.AddRange(DoctorChecks.MailServer(config));
        if (await MailSizeLimit.CheckAsync(config, cancellationToken) is { } limit)
        {
            checks.Add(limit);
        }

        checks.Add(await DoctorChecks.SmtpAsync(config, cancellationToken));
        if (DoctorChecks.AsRoot(asUser) is { } root)
        {
            checks.Add(root);
        }

        var colour = context.IO.UseColour;
        foreach (var check in checks)
        {
            // The mark may be a colour sequence of ours; the detail (paths, settings) goes through the filter.
            Output.SafeTextWriter.Raw(context.IO.Out).Write(Mark(check.State, colour));
            context.IO.Out.WriteLine($" {check.Name}: {check.Detail}");
            if (check.Fix is { } fix && check.State != CheckState.Ok)
            {
                context.IO.Out.WriteLine($"      fix: {fix}");
            }
        }

        var failed = checks.Where(c => c.State == CheckState.Fail).ToList();
        if (failed.Count == 0)
        {
            return 0;
        }

        context.IO.Error.WriteLine($"ticketmail: {failed.Count} check(s) failed; apply the fixes above and run 'ticketmail doctor' again");
        return failed.Any(c => c.ExitCode == ExitCodes.Config) ? ExitCodes.Config : ExitCodes.TempFail;
    }

    private static string Mark(CheckState state, bool colour) => (state, colour) switch
    {
        (CheckState.Ok, true) => "\u001b[32m✓\u001b[0m   ",
        (CheckState.Warn, true) => "\u001b[33m!\u001b[0m   ",
        (CheckState.Fail, true) => "\u001b[31m✗\u001b[0m   ",
        (CheckState.Ok, false) => "ok  ",
        (CheckState.Warn, false) => "warn",
        _ => "FAIL",
    };
}
