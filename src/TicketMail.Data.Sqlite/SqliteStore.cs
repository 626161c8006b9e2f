using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TicketMail.Data.Queries;

namespace TicketMail.Data.Sqlite;

/// <summary>Opens the SQLite store: the zero-set-up default, one file, created with its schema on first use.</summary>
public static class SqliteStore
{
    public static DbContextOptionsBuilder<SqliteTicketContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<SqliteTicketContext>()
            .UseSqlite(connectionString)
            .UseSnakeCaseNamingConvention()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <param name="connectionString">A Data Source=... string.</param>
    /// <param name="timeout">How long to wait for a lock held by another process before giving up.</param>
    public static ITicketStore Open(string connectionString, TimeSpan timeout)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        };
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:"
            && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            CreatePrivate(folder, path);
        }

        var context = new SqliteTicketContext(Options(builder.ToString()).AddInterceptors(new BusyTimeout(timeout)).Options);
        return new EfTicketStore(context, "sqlite");
    }

    /// <summary>
    /// The database holds every customer's mail: a new file is 0600 (its folder 0700) whatever the caller's umask.
    /// SQLite gives its -wal and -shm files the main file's mode. An existing file keeps the mode it has.
    /// </summary>
    private static void CreatePrivate(string folder, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        const UnixFileMode file = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, file | UnixFileMode.UserExecute);
        }

        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = file });
                File.SetUnixFileMode(path, file);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first.
            }
        }
    }
}
