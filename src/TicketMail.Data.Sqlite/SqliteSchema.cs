using Microsoft.Data.Sqlite;

namespace TicketMail.Data.Sqlite;

/// <summary>
/// A cheap "is the schema current?" for the per-message start-up: one read of EF's migrations history over a
/// plain connection, instead of building EF's migration services (tens of milliseconds under Native AOT).
/// </summary>
public static class SqliteSchema
{
    /// <summary>The id of the newest migration in Migrations/. A test checks it against EF's own list.</summary>
    public const string LatestMigration = "20261201095057_I16Queues";

    public static bool IsCurrent(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not { Length: > 0 } path || path == ":memory:" || !File.Exists(path))
        {
            return false;
        }

        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // The snake_case naming convention renames the history table's columns too.
        command.CommandText = "SELECT migration_id FROM \"__EFMigrationsHistory\" ORDER BY migration_id DESC LIMIT 1";
        try
        {
            return command.ExecuteScalar() as string == LatestMigration;
        }
        catch (SqliteException)
        {
            // No history table yet: a file that was never migrated.
            return false;
        }
    }
}
