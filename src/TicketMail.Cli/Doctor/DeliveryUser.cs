using System.Diagnostics;

namespace TicketMail.Cli.Doctor;

/// <summary>
/// Who the checks run as. The spool and the SQLite database must be writable by the user the mail server
/// runs ticketmail as (vmail), and root can write anywhere, so 'doctor --as vmail' run by root starts the
/// same checklist again as that user (runuser), instead of guessing from owners and modes.
/// </summary>
public static class DeliveryUser
{
    private const string RunUser = "/usr/sbin/runuser";

    public static string Current => Environment.UserName;

    public static bool IsRoot => Current == "root";

    /// <summary>The exit code and output of this same command line, without --as, run as <paramref name="user"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsAsync(string user, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(RunUser) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(user);
        start.ArgumentList.Add("--");
        foreach (var arg in SelfCommandLine())
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {RunUser}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>This process's program (with the dll under 'dotnet') and arguments, minus '--as USER'.</summary>
    private static List<string> SelfCommandLine()
    {
        var args = Environment.GetCommandLineArgs();
        var program = Environment.ProcessPath ?? args[0];
        var line = new List<string> { program };
        if (Path.GetFileNameWithoutExtension(program) == "dotnet")
        {
            line.Add(args[0]);
        }

        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--as")
            {
                i++;
            }
            else if (!args[i].StartsWith("--as=", StringComparison.Ordinal))
            {
                line.Add(args[i]);
            }
        }

        return line;
    }
}
