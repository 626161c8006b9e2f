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
            Directory.CreateDirectory(folder);
        }

        var context = new SqliteTicketContext(Options(builder.ToString()).Options);
        return new EfTicketStore(context, "sqlite");
    }
}
