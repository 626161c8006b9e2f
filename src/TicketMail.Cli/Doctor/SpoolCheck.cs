using System.Globalization;
using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;

namespace TicketMail.Cli.Doctor;

/// <summary>
/// The spool must be writable all the way down by the user the checks run as: one root-owned subfolder
/// left by an earlier run as root makes every delivery fail with 75, so every subfolder is probed.
/// </summary>
public static class SpoolCheck
{
    public const string DefaultSpool = "/var/spool/ticketmail";
    private static readonly string[] Folders = ["tmp", "incoming", "deferred", "quarantine", "loops"];

    public static Check Run(AppConfig config)
    {
        var spool = config.Spool ?? DefaultSpool;
        var user = DeliveryUser.Current;
        if (!Directory.Exists(spool))
        {
            return Check.Fail("spool", $"{spool} does not exist",
                $"create it for the mail user: install -d -o {user} -g {user} -m 0700 {spool} (or set {SettingNames.Spool})", ExitCodes.Config);
        }

        if (FirstProblem(spool) is { } problem)
        {
            return Check.Fail("spool", $"{problem} by {user}, so deliveries fail with 75", WriteProbe.OwnFix(spool), ExitCodes.Config);
        }

        var deferred = CountMail(Path.Combine(spool, "deferred"));
        var quarantined = CountMail(Path.Combine(spool, "quarantine"));
        var counts = string.Create(CultureInfo.InvariantCulture, $"{deferred} deferred, {quarantined} quarantined");
        var detail = $"{spool} and its folders are writable by {user}; {counts}";
        return deferred > 0
            ? Check.Warn("spool", detail, "once the database is back, 'ticketmail spool retry' stores the deferred mail")
            : Check.Ok("spool", detail);
    }

    /// <summary>"PATH is not writable" (or readable) for the first folder or message file this user cannot use.</summary>
    private static string? FirstProblem(string spool)
    {
        if (!WriteProbe.CanWriteFolder(spool))
        {
            return $"{spool} is not writable";
        }

        foreach (var folder in Folders.Select(name => Path.Combine(spool, name)).Where(Directory.Exists))
        {
            if (!WriteProbe.CanWriteFolder(folder))
            {
                return $"{folder} is not writable";
            }

            if (Directory.EnumerateFiles(folder).FirstOrDefault(file => !WriteProbe.CanReadFile(file)) is { } file)
            {
                return $"{file} is not readable";
            }
        }

        return null;
    }

    private static int CountMail(string folder) => Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.eml").Count() : 0;
}
