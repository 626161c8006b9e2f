using Microsoft.Data.Sqlite;

namespace TicketMail.Data.Sqlite;

/// <summary>
/// A cheap "is the schema current?" for the per-message start-up: one read of EF's migrations history over a
/// plain connection, instead of building EF's migration services (tens of milliseconds under Native AOT).
/// </summary>
public static class SqliteSchema
{
    /// <summary>The id of the newest migration in Migrations/. A test checks it against EF's own list.</summary>
    public const string LatestMigration = "20261201102522_I12ReplyHtml";

    /// <summary>
    /// How many migrations Migrations/ holds. Branches merge migrations with earlier ids than the newest (I16Queues
    /// came after I12ReplyHtml), so a file can hold the newest id and still lack one: both must match.
    /// </summary>
    public const int MigrationCount = 5;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <param name="timeout">TICKETMAIL_DB_TIMEOUT: how long a lock held by another process is waited for. Without it
    /// Microsoft.Data.Sqlite retries a busy read for its default 30 s, once per message of a batch (issue 15).</param>
    /// <exception cref="StoreUnavailableException">Another process holds the file locked for longer than the timeout.</exception>
    public static bool IsCurrent(string connectionString, TimeSpan timeout)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)) };
        if (builder.DataSource is not { Length: > 0 } path || path == ":memory:" || !File.Exists(path))
        {
            return false;
        }

        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // The snake_case naming convention renames the history table's columns too.
        command.CommandText = "SELECT MAX(migration_id), COUNT(*) FROM \"__EFMigrationsHistory\"";
        try
        {
            bool current;
            using (var reader = command.ExecuteReader())
            {
                current = reader.Read() && !reader.IsDBNull(0) && reader.GetString(0) == LatestMigration && reader.GetInt64(1) == MigrationCount;
            }

            UseWriteAheadLog(connection);
            return current;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            // Locked, not missing: the database cannot answer now, and migrating would wait for the same lock again.
            throw new StoreUnavailableException($"the SQLite database stayed locked ({ex.Message})", ex);
        }
        catch (SqliteException)
        {
            // No history table yet: a file that was never migrated.
            return false;
        }
    }

    /// <summary>
    /// A file that was not created by 'db migrate' (or was switched back) runs in rollback-journal mode, where a
    /// writer blocks every reader. Switched to WAL on first open; when another process holds the file right now,
    /// or the file cannot take it (read-only, a network file system), it stays as it is and the next open tries again.
    /// </summary>
    private static void UseWriteAheadLog(SqliteConnection connection)
    {
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        if (string.Equals(mode.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            mode.CommandText = "PRAGMA journal_mode=WAL";
            mode.ExecuteScalar();
        }
        catch (SqliteException)
        {
            // Busy, locked or read-only: not this time.
        }
    }
}
