using Microsoft.EntityFrameworkCore;
using TicketMail.Data.Sqlite;
using TicketMail.TestKit;

namespace TicketMail.Data.Tests.Schema;

public sealed class SqliteSchemaTests
{
    [Fact]
    public void The_latest_migration_constant_names_the_newest_migration_in_code()
    {
        using var context = new SqliteTicketContext(SqliteStore.Options("Data Source=:memory:").Options);

        Assert.Equal(SqliteSchema.LatestMigration, context.Database.GetMigrations().Last());
        Assert.Equal(SqliteSchema.MigrationCount, context.Database.GetMigrations().Count());
    }

    [Fact]
    public async Task A_missing_file_or_an_unmigrated_file_is_not_current_and_a_migrated_one_is()
    {
        using var folder = new TempFolder("ticketmail-schema");
        var path = folder.File("t.db");
        Assert.False(SqliteSchema.IsCurrent($"Data Source={path}", TimeSpan.FromSeconds(5)));

        File.WriteAllBytes(path, []);
        Assert.False(SqliteSchema.IsCurrent($"Data Source={path}", TimeSpan.FromSeconds(5)));

        await using (var store = SqliteStore.Open($"Data Source={path}", TimeSpan.FromSeconds(5)))
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        Assert.True(SqliteSchema.IsCurrent($"Data Source={path}", TimeSpan.FromSeconds(5)));

        // A file migrated before an earlier-dated migration was merged in has the newest id but not all of them.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM \"__EFMigrationsHistory\" WHERE migration_id LIKE '%_I16Queues'";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        Assert.False(SqliteSchema.IsCurrent($"Data Source={path}", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_migrated_file_has_every_branch_s_schema_whatever_order_the_migrations_ran_in()
    {
        using var folder = new TempFolder("ticketmail-schema");
        var path = folder.File("t.db");
        await using (var store = SqliteStore.Open($"Data Source={path}", TimeSpan.FromSeconds(5)))
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master UNION ALL SELECT 'messages.' || name FROM pragma_table_info('messages') UNION ALL SELECT 'outbox.' || name FROM pragma_table_info('outbox')";
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        // I11 (outbox index, rebuilt by I16's ticket_id change), I12, I15, and I16's search triggers and columns.
        Assert.Contains("ix_outbox_message_id", names);
        Assert.Contains("messages.reply_html", names);
        Assert.Contains("messages.body_sha256", names);
        Assert.Contains("ix_messages_dedupe_key_body_sha256", names);
        Assert.Contains("messages_fts", names);
        Assert.Contains("messages_fts_insert", names);
        Assert.Contains("messages_fts_update", names);
        Assert.Contains("messages_fts_delete", names);
        Assert.Contains("outbox.next_attempt_at", names);
    }
}
