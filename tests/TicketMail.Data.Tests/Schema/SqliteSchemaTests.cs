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
    }

    [Fact]
    public async Task A_missing_file_or_an_unmigrated_file_is_not_current_and_a_migrated_one_is()
    {
        using var folder = new TempFolder("ticketmail-schema");
        var path = folder.File("t.db");
        Assert.False(SqliteSchema.IsCurrent($"Data Source={path}"));

        File.WriteAllBytes(path, []);
        Assert.False(SqliteSchema.IsCurrent($"Data Source={path}"));

        await using (var store = SqliteStore.Open($"Data Source={path}", TimeSpan.FromSeconds(5)))
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        Assert.True(SqliteSchema.IsCurrent($"Data Source={path}"));
    }
}
