using TicketMail.Cli.Infrastructure;

namespace TicketMail.Cli.Doctor;

/// <summary>
/// A SQLite database is written by every delivery: its folder (for the -wal and -shm files) and the file
/// itself must be writable by the user the checks run as. A 'db migrate' run as root leaves both root-owned.
/// </summary>
public static class SqliteFileCheck
{
    /// <summary>The failure for <paramref name="file"/>, or null when this user can use it (or create it).</summary>
    public static Check? Problem(string file, string name)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (string.IsNullOrEmpty(folder))
        {
            return null;
        }

        var user = DeliveryUser.Current;
        if (!Directory.Exists(folder))
        {
            return Check.Fail("database", $"{name}: the folder {folder} does not exist",
                $"install -d -o {user} -g {user} -m 0700 {folder}, then run 'ticketmail db migrate' as {user}", ExitCodes.Config);
        }

        if (!WriteProbe.CanWriteFolder(folder))
        {
            return Check.Fail("database", $"{name}: the folder {folder} is not writable by {user} (SQLite writes its -wal and -shm files there)",
                WriteProbe.OwnFix(folder), ExitCodes.Config);
        }

        if (File.Exists(file) && !WriteProbe.CanWriteFile(file))
        {
            return Check.Fail("database", $"{name}: {file} is not writable by {user}", WriteProbe.OwnFix(folder), ExitCodes.Config);
        }

        return null;
    }
}
